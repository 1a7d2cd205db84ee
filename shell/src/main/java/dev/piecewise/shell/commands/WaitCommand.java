package dev.piecewise.shell.commands;

import dev.piecewise.api.TorrentHandle;
import dev.piecewise.shell.command.Arguments;
import dev.piecewise.shell.command.Command;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.command.CommandFailure;
import dev.piecewise.shell.command.Option;
import dev.piecewise.shell.command.Parameter;
import dev.piecewise.shell.command.Syntax;
import dev.piecewise.shell.command.ValueKind;
import dev.piecewise.shell.format.Units;

import java.time.Duration;
import java.util.List;

/** {@code wait [<id>] [--timeout SECONDS]}: blocks until downloads are complete. */
final class WaitCommand implements Command {

    /** Long enough to mean "no limit" and still a valid {@link Duration} deadline. */
    private static final long NO_LIMIT_SECONDS = 100L * 365 * 24 * 3600;

    @Override
    public String name() {
        return "wait";
    }

    @Override
    public String summary() {
        return "wait until a torrent (or every torrent) is complete and verified";
    }

    @Override
    public Syntax syntax() {
        return Syntax.of(List.of(Parameter.optional("id", ValueKind.TORRENT)), List.of(
                Option.valued("timeout", "SECONDS", ValueKind.NUMBER, "give up (and fail) after this long")));
    }

    @Override
    public String details() {
        return """
                Fails when the timeout passes or a torrent stops with an error; Ctrl-C stops waiting (the
                torrents go on). In a script, 'add x.torrent; wait --timeout 600' downloads and exits.""";
    }

    @Override
    public void run(Arguments args, CommandContext context) throws InterruptedException {
        long seconds = args.number("timeout", 0, NO_LIMIT_SECONDS).orElse(NO_LIMIT_SECONDS);
        List<TorrentHandle> torrents = args.get("id").map(id -> List.of(context.client().torrent(id)))
                .orElseGet(() -> context.client().torrents());
        if (torrents.isEmpty()) {
            context.out().println("no torrents to wait for");
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        for (TorrentHandle torrent : torrents) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!torrent.awaitCompletion(left)) {
                throw new CommandFailure("timed out after " + Units.duration(Duration.ofSeconds(seconds)) + ": "
                        + torrent.id() + " is at " + Units.percent(torrent.status().progress()));
            }
            context.out().println(torrent.id() + " complete");
            context.out().flush();
        }
    }
}
