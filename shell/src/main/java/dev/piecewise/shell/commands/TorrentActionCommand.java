package dev.piecewise.shell.commands;

import dev.piecewise.api.TorrentHandle;
import dev.piecewise.shell.command.CommandContext;

import java.util.function.Consumer;

/** A one-word action on a torrent: {@code pause <id>}, {@code resume <id>}. */
final class TorrentActionCommand extends TorrentCommand {

    private final String name;
    private final String summary;
    private final Consumer<TorrentHandle> action;
    private final String done;

    private TorrentActionCommand(String name, String summary, Consumer<TorrentHandle> action, String done) {
        this.name = name;
        this.summary = summary;
        this.action = action;
        this.done = done;
    }

    static TorrentActionCommand pause() {
        return new TorrentActionCommand("pause", "stop a torrent's transfers, keeping its data and state",
                TorrentHandle::pause, "paused");
    }

    static TorrentActionCommand resume() {
        return new TorrentActionCommand("resume", "start a paused or failed torrent again",
                TorrentHandle::resume, "resumed");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    void run(TorrentHandle torrent, CommandContext context) {
        action.accept(torrent);
        context.out().println(torrent.id() + " " + done);
    }
}
