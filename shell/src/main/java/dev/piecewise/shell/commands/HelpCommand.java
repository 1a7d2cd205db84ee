package dev.piecewise.shell.commands;

import dev.piecewise.shell.command.Arguments;
import dev.piecewise.shell.command.Command;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.command.CommandFailure;
import dev.piecewise.shell.command.HelpText;
import dev.piecewise.shell.command.Parameter;
import dev.piecewise.shell.command.Syntax;
import dev.piecewise.shell.command.ValueKind;
import dev.piecewise.shell.format.Table;

import java.util.List;

/** {@code help} and {@code help <command>}. */
final class HelpCommand implements Command {

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String summary() {
        return "list the commands, or show how to use one";
    }

    @Override
    public Syntax syntax() {
        return Syntax.of(List.of(Parameter.optional("command", ValueKind.COMMAND)), List.of());
    }

    @Override
    public String details() {
        return """
                Separate several commands with ';'. Quote words that contain spaces: add 'my file.torrent'.
                Every command also takes --help. Tab completes commands, ids, plugin ids, options and paths.""";
    }

    @Override
    public void run(Arguments args, CommandContext context) {
        var out = context.out();
        if (args.get("command").isPresent()) {
            String name = args.required("command");
            var command = context.commands().find(name)
                    .orElseThrow(() -> new CommandFailure("no command '" + name + "'; type help for the list"));
            HelpText.of(command).forEach(out::println);
            return;
        }
        var table = Table.of("COMMAND", "DESCRIPTION").flexible("DESCRIPTION");
        for (Command command : context.commands().all()) {
            table.row(command.name(), command.summary());
        }
        table.render(context.width()).stream().skip(1).forEach(out::println);
        out.println();
        out.println("help <command> shows a command's options; Ctrl-C stops a running command; Ctrl-D or quit exits.");
    }
}
