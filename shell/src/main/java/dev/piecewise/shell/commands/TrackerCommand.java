package dev.piecewise.shell.commands;

import dev.piecewise.api.Client;
import dev.piecewise.api.TrackerServer;
import dev.piecewise.shell.command.Arguments;
import dev.piecewise.shell.command.Command;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.command.CommandFailure;
import dev.piecewise.shell.command.Option;
import dev.piecewise.shell.command.Parameter;
import dev.piecewise.shell.command.Syntax;
import dev.piecewise.shell.command.ValueKind;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** {@code tracker}: the embedded tracker: {@code tracker start [--port N]}, {@code tracker stop}, its state. */
final class TrackerCommand implements Command {

    @Override
    public String name() {
        return "tracker";
    }

    @Override
    public String summary() {
        return "run the embedded tracker (HTTP and UDP on 127.0.0.1) for local swarms: start, stop, or show it";
    }

    @Override
    public Syntax syntax() {
        return Syntax.of(List.of(Parameter.choice(true, "start", "stop")), List.of(
                Option.valued("port", "N", ValueKind.NUMBER, "with start: the port for both protocols (default: any"
                        + " free one)")));
    }

    @Override
    public String details() {
        return """
                Put its announce URLs in the torrents of a local swarm; peers that announce get each other back.
                It stops with the client.""";
    }

    @Override
    public void run(Arguments args, CommandContext context) {
        Client client = context.client();
        Optional<String> action = args.get("start|stop");
        if (args.has("port") && !action.equals(Optional.of("start"))) {
            throw new CommandFailure("--port goes with start: tracker start --port N");
        }
        PrintWriter out = context.out();
        switch (action.orElse("")) {
            case "start" -> {
                int port = Math.toIntExact(args.number("port", 0, 65535).orElse(0L));
                describe("started", client.startTracker(port), out);
            }
            case "stop" -> {
                TrackerServer tracker = client.tracker()
                        .orElseThrow(() -> new CommandFailure("no tracker is running"));
                tracker.close();
                out.println("tracker on port " + tracker.port() + " stopped");
            }
            default -> client.tracker().ifPresentOrElse(t -> describe("running", t, out),
                    () -> out.println("no tracker is running; start one with: tracker start [--port N]"));
        }
    }

    private static void describe(String state, TrackerServer tracker, PrintWriter out) {
        out.println("tracker " + state + " on port " + tracker.port());
        out.println("  " + tracker.httpAnnounceUrl());
        out.println("  " + tracker.udpAnnounceUrl());
    }
}
