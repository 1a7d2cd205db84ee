package dev.piecewise.shell.commands;

import dev.piecewise.api.DemoSwarm;
import dev.piecewise.shell.command.Arguments;
import dev.piecewise.shell.command.Command;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.command.Syntax;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@code demo}: a sample torrent and a small seeding swarm on 127.0.0.1, with the commands to try. */
final class DemoCommand implements Command {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "set up a sample torrent and a small seeding swarm on 127.0.0.1 to try Piecewise without internet";
    }

    @Override
    public Syntax syntax() {
        return Syntax.of(List.of(), List.of());
    }

    @Override
    public String details() {
        return """
                Writes a sample payload and its torrent into the data directory, starts the embedded tracker if
                none runs, and seeds the sample from engines in this process (each capped, so a download takes
                seconds). The seeds run until you quit; demo again shows them.""";
    }

    @Override
    public void run(Arguments args, CommandContext context) {
        DemoSwarm demo = context.client().demo();
        PrintWriter out = context.out();
        String torrent = quoted(demo.torrent().toString());
        out.printf(Locale.ROOT, "demo: %d seeds of a %.0f MiB sample (%d pieces) on 127.0.0.1, tracker %s%n",
                demo.seeds(), demo.size() / (1024.0 * 1024), demo.pieces(), demo.tracker());
        out.println("  torrent: " + demo.torrent());
        out.println("try:");
        out.println("  add " + torrent);
        out.println("      downloads it from the demo seeds (list, status, peers show it going)");
        out.println("  strategy rarest");
        out.println("      the strategy new torrents get");
        out.println("  compare " + torrent + " rarest in-order random-first");
        out.println("      the strategies side by side in a lab swarm of real engines");
    }

    private static String quoted(String path) {
        return path.contains(" ") ? "\"" + path + "\"" : path;
    }
}
