package dev.piecewise.shell.commands;

import dev.piecewise.shell.command.Arguments;
import dev.piecewise.shell.command.Command;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.command.Syntax;

/** {@code quit}: stops every torrent, tells the trackers, and exits. */
final class QuitCommand implements Command {

    @Override
    public String name() {
        return "quit";
    }

    @Override
    public String summary() {
        return "stop every torrent, tell the trackers, and exit (also: exit, Ctrl-D)";
    }

    @Override
    public Syntax syntax() {
        return Syntax.none();
    }

    @Override
    public void run(Arguments args, CommandContext context) {
        context.quit();
    }
}
