package dev.piecewise.shell.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.piecewise.shell.command.CommandRunner;
import dev.piecewise.shell.format.Text;

import java.util.function.Consumer;

/**
 * Shows warnings and errors to the user as one line each ({@code warning: tracker udp://... timed out}), without
 * stack traces: those are in the log file. Where the line goes is switched as the shell changes mode: standard
 * error at first and in batch mode, above the prompt in the interactive shell.
 */
public final class UserAppender extends AppenderBase<ILoggingEvent> {

    private volatile Consumer<String> sink;

    UserAppender(Consumer<String> sink) {
        this.sink = sink;
        setName("user");
    }

    /** Sends the lines somewhere else from now on. */
    public void redirect(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.WARN)
                || event.getMarkerList() != null && event.getMarkerList().contains(CommandRunner.SHOWN)) {
            return;
        }
        sink.accept(line(event));
    }

    static String line(ILoggingEvent event) {
        var line = new StringBuilder(event.getLevel() == Level.WARN ? "warning" : "error")
                .append(": ").append(event.getFormattedMessage());
        IThrowableProxy cause = event.getThrowableProxy();
        if (cause != null && cause.getMessage() != null && !event.getFormattedMessage().contains(cause.getMessage())) {
            line.append(": ").append(cause.getMessage());
        }
        return Text.printable(line.toString());
    }
}
