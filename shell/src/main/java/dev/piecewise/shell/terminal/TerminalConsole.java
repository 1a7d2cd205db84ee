package dev.piecewise.shell.terminal;

import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp;
import org.jline.utils.Status;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything the interactive shell writes that is not the line being edited: command output, notices (warnings from
 * the log, torrents finishing) and the progress bar at the bottom. Two situations, kept apart so nothing corrupts the
 * screen:
 * <ul>
 *   <li>At the prompt, notices go through {@link LineReader#printAbove} and the bar is redrawn by a widget, both
 *       under the reader's own lock, so the typed line is redrawn intact below them.</li>
 *   <li>While a command runs, its output, notices and the bar are written directly, one at a time under this
 *       console's lock.</li>
 * </ul>
 * Lock order is always this console's lock, then the reader's; the reader's thread never takes this console's lock.
 */
public final class TerminalConsole {

    private static final String STATUS_WIDGET = "piecewise-status";

    private final Terminal terminal;
    private final LineReader reader;
    private final Thread readerThread;
    private final Status status;
    private final ReentrantLock outputLock = new ReentrantLock();
    private boolean commandRunning;
    private volatile List<AttributedString> statusLines = List.of();

    /**
     * @param readerThread the thread that calls {@link LineReader#readLine}
     */
    public TerminalConsole(Terminal terminal, LineReader reader, Thread readerThread) {
        this.terminal = terminal;
        this.reader = reader;
        this.readerThread = readerThread;
        this.status = canDrawStatus(terminal) ? Status.getStatus(terminal) : null;
        reader.getWidgets().put(STATUS_WIDGET, () -> {
            if (status != null) {
                drawStatus();
            }
            reader.callWidget(LineReader.REDISPLAY);
            return true;
        });
    }

    /** A writer for command output. */
    public PrintWriter commandOutput() {
        PrintWriter target = terminal.writer();
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                outputLock.lock();
                try {
                    target.write(buffer, offset, length);
                } finally {
                    outputLock.unlock();
                }
            }

            @Override
            public void flush() {
                outputLock.lock();
                try {
                    target.flush();
                } finally {
                    outputLock.unlock();
                }
            }

            @Override
            public void close() {
                flush();
            }
        });
    }

    /** Shows a line to the user from any thread, above the prompt when one is shown. */
    public void notice(String line) {
        if (Thread.currentThread() == readerThread) {
            reader.printAbove(line);
            return;
        }
        outputLock.lock();
        try {
            if (commandRunning) {
                terminal.writer().println(line);
                terminal.flush();
            } else {
                reader.printAbove(line);
            }
        } finally {
            outputLock.unlock();
        }
    }

    /** Replaces the lines of the bar at the bottom of the screen; none hides it. */
    public void status(List<AttributedString> lines) {
        if (status == null) {
            return;
        }
        outputLock.lock();
        try {
            statusLines = List.copyOf(lines);
            if (commandRunning) {
                drawStatus();
            } else if (reader.isReading()) {
                reader.callWidget(STATUS_WIDGET);
            }
            // between a command and the next prompt: the reader redraws the bar when the prompt appears
        } catch (IllegalStateException e) {
            // the prompt was accepted while we were here; the next update draws the bar
        } finally {
            outputLock.unlock();
        }
    }

    /** Call before a command runs: from now on output is written directly. */
    public void commandStarted() {
        outputLock.lock();
        try {
            commandRunning = true;
        } finally {
            outputLock.unlock();
        }
    }

    /** Call when a command is done, before the next prompt. */
    public void commandFinished() {
        outputLock.lock();
        try {
            commandRunning = false;
            terminal.flush();
        } finally {
            outputLock.unlock();
        }
    }

    /** Removes the bar and gives the whole screen back, before exiting. */
    public void close() {
        if (status == null) {
            return;
        }
        outputLock.lock();
        try {
            statusLines = List.of();
            drawStatus();
            status.close();
        } finally {
            outputLock.unlock();
        }
    }

    /** What {@link Status} needs; without it (a dumb terminal) there is no bar. */
    private static boolean canDrawStatus(Terminal terminal) {
        return terminal.getStringCapability(InfoCmp.Capability.change_scroll_region) != null
                && terminal.getStringCapability(InfoCmp.Capability.save_cursor) != null
                && terminal.getStringCapability(InfoCmp.Capability.restore_cursor) != null
                && terminal.getStringCapability(InfoCmp.Capability.cursor_address) != null;
    }

    private void drawStatus() {
        status.update(statusLines);
        terminal.flush();
    }
}
