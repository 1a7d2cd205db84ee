package dev.piecewise.shell;

import dev.piecewise.api.Client;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.command.CommandRegistry;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/** What commands reach, the same in both modes except where output goes and how wide it may be. */
final class ShellContext implements CommandContext {

    private final ClientHolder client;
    private final PrintWriter out;
    private final IntSupplier width;
    private final CommandRegistry commands;
    private final Path workingDirectory;
    private volatile boolean quit;

    ShellContext(ClientHolder client, PrintWriter out, IntSupplier width, CommandRegistry commands,
                 Path workingDirectory) {
        this.client = client;
        this.out = out;
        this.width = width;
        this.commands = commands;
        this.workingDirectory = workingDirectory;
    }

    @Override
    public Client client() {
        return client.client();
    }

    @Override
    public PrintWriter out() {
        return out;
    }

    @Override
    public int width() {
        return width.getAsInt();
    }

    @Override
    public Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    public CommandRegistry commands() {
        return commands;
    }

    @Override
    public void quit() {
        quit = true;
    }

    boolean quitRequested() {
        return quit;
    }
}
