package dev.piecewise.shell.commands;

import dev.piecewise.shell.command.CommandRegistry;

/** Every shell command, in the order {@code help} lists them. */
public final class Commands {

    private Commands() {
    }

    public static CommandRegistry all() {
        return new CommandRegistry()
                .add(new AddCommand())
                .add(new ListCommand())
                .add(new StatusCommand())
                .add(new PeersCommand())
                .add(new FilesCommand())
                .add(new TrackersCommand())
                .add(new SaveTorrentCommand())
                .add(new ConnectCommand())
                .add(new WaitCommand())
                .add(TorrentActionCommand.pause())
                .add(TorrentActionCommand.resume())
                .add(new RemoveCommand())
                .add(new StrategyCommand())
                .add(new ChokingCommand())
                .add(new CompareCommand())
                .add(new PluginsCommand())
                .add(new TrackerCommand())
                .add(new DemoCommand())
                .add(new HelpCommand())
                .add(new QuitCommand(), "exit");
    }
}
