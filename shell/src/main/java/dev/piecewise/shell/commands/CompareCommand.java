package dev.piecewise.shell.commands;

import dev.piecewise.api.CompareListener;
import dev.piecewise.api.CompareRequest;
import dev.piecewise.api.CompareResult;
import dev.piecewise.shell.command.Arguments;
import dev.piecewise.shell.command.Command;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.command.CommandFailure;
import dev.piecewise.shell.command.Option;
import dev.piecewise.shell.command.Parameter;
import dev.piecewise.shell.command.Syntax;
import dev.piecewise.shell.command.ValueKind;
import dev.piecewise.shell.format.CompareText;
import dev.piecewise.shell.format.Table;
import dev.piecewise.shell.format.Text;
import dev.piecewise.shell.format.Units;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * {@code compare <file.torrent> <spec> <spec>... [options]}: runs strategies side by side in the same swarm and shows
 * the figures, with live progress.
 */
final class CompareCommand implements Command {

    private static final int MAX_COUNT = 100_000;

    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String summary() {
        return "compare strategies on a torrent in the lab, the simulator or its live swarm";
    }

    @Override
    public Syntax syntax() {
        return Syntax.of(List.of(Parameter.required("file.torrent", ValueKind.FILE),
                Parameter.required("spec", ValueKind.STRATEGY), Parameter.repeated("spec", ValueKind.STRATEGY)),
                List.of(
                        Option.valued("choking", "ID", ValueKind.CHOKING, "the policy every peer runs"
                                + " (default: see choking)"),
                        Option.valued("choking-options", "K=V,...", ValueKind.TEXT, "the policy's options, e.g."
                                + " interval=2s,slots=2"),
                        Option.valued("swarm", "lab|sim|live", ValueKind.TEXT, "where to run (default: lab)"),
                        Option.valued("runs", "N", ValueKind.NUMBER, "runs per strategy (default: 1 lab, 3 sim)"),
                        Option.valued("seed", "S", ValueKind.NUMBER, "the random seed (default: 1)"),
                        Option.valued("leechers", "N", ValueKind.NUMBER, "leechers (default: 4 lab, 100 sim)"),
                        Option.valued("seeds", "N", ValueKind.NUMBER, "seeds (default: 1)"),
                        Option.valued("free-riders", "N", ValueKind.NUMBER, "how many leechers never upload"),
                        Option.valued("seed-upload", "RATE", ValueKind.TEXT, "each seed's upload, e.g. 256k"),
                        Option.valued("upload", "RATE", ValueKind.TEXT, "each leecher's upload, e.g. 64k"),
                        Option.valued("report", "FILE", ValueKind.FILE, "write an HTML report with charts"),
                        Option.valued("csv", "FILE", ValueKind.FILE, "write one CSV row per peer per run"),
                        Option.valued("json", "FILE", ValueKind.FILE, "write everything as JSON")));
    }

    @Override
    public String details() {
        return """
                Every strategy runs in the same swarm with fresh state: by default one seed slower than the
                leechers' combined demand and a flash crowd. The lab runs real engines on 127.0.0.1; the simulator
                runs the same plugin classes at scale and gives the same numbers for the same seed; live joins the
                torrent's real swarm, one strategy after the other. Figures are medians [quartiles] over runs and
                leechers: completion and first-piece times, the seed's upload until every piece was out (in copies),
                copies of the rarest piece, upload use and duplicate bytes. Example:
                  compare demo.torrent rarest in-order random-first --swarm sim --report report.html""";
    }

    @Override
    public void run(Arguments args, CommandContext context) {
        CompareRequest request = request(args, context);
        PrintWriter out = context.out();
        CompareResult result = context.client().compare(request, new Progress(out));
        out.println();
        out.println(Text.printable(result.torrent()) + ": " + result.swarm().id() + " swarm, choking "
                + result.choking() + ", " + result.runs() + (result.runs() == 1 ? " run" : " runs") + " per strategy,"
                + " seed " + result.seed());
        out.println(Text.printable(result.setup()));
        print(out, CompareText.summary(result), context.width());
        Table classes = CompareText.classes(result);
        if (!classes.isEmpty()) {
            out.println();
            print(out, classes, context.width());
        }
        out.println();
        CompareText.completionChart(result, context.width()).forEach(out::println);
        CompareText.availabilityChart(result, context.width()).forEach(out::println);
        for (Path written : result.written()) {
            out.println("wrote " + written);
        }
    }

    private static void print(PrintWriter out, Table table, int width) {
        table.render(width).forEach(out::println);
    }

    private static CompareRequest request(Arguments args, CommandContext context) {
        Path torrent = context.path(args.required("file.torrent"));
        // both positional parameters are named spec: their words gather in one list, in order
        List<String> specs = args.all("spec");
        CompareRequest.Swarm swarm = args.option("swarm").map(CompareCommand::swarm).orElse(CompareRequest.Swarm.LAB);
        var shape = new CompareRequest.Shape(count(args, "seeds", 1), count(args, "leechers", 1),
                count(args, "free-riders", 0), rate(args, "seed-upload"), rate(args, "upload"));
        OptionalInt runs = args.number("runs", 1, CompareRequest.MAX_RUNS).map(n -> OptionalInt.of(n.intValue()))
                .orElse(OptionalInt.empty());
        OptionalLong seed = args.number("seed", Long.MIN_VALUE, Long.MAX_VALUE).map(OptionalLong::of)
                .orElse(OptionalLong.empty());
        return new CompareRequest(torrent, specs, args.option("choking"),
                args.option("choking-options").map(CompareCommand::options).orElse(Map.of()), swarm, runs, seed, shape,
                file(args, context, "report"), file(args, context, "csv"), file(args, context, "json"));
    }

    /** {@code k=v,k=v} as a map, in order. */
    static Map<String, String> options(String typed) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : typed.split(",")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new CommandFailure("--choking-options: '" + pair.strip() + "' is not key=value");
            }
            options.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return options;
    }

    private static CompareRequest.Swarm swarm(String typed) {
        return Arrays.stream(CompareRequest.Swarm.values()).filter(s -> s.id().equals(typed.strip().toLowerCase(
                Locale.ROOT))).findFirst().orElseThrow(() -> new CommandFailure("--swarm must be "
                + Arrays.stream(CompareRequest.Swarm.values()).map(CompareRequest.Swarm::id)
                .collect(Collectors.joining(", ")) + ": " + typed));
    }

    private static OptionalInt count(Arguments args, String name, int min) {
        return args.number(name, min, MAX_COUNT).map(n -> OptionalInt.of(n.intValue())).orElse(OptionalInt.empty());
    }

    private static OptionalLong rate(Arguments args, String name) {
        return args.option(name).map(text -> {
            try {
                return OptionalLong.of(Units.parseRate(text));
            } catch (IllegalArgumentException e) {
                throw new CommandFailure("--" + name + ": " + e.getMessage());
            }
        }).orElse(OptionalLong.empty());
    }

    private static Optional<Path> file(Arguments args, CommandContext context, String name) {
        return args.option(name).map(context::path);
    }

    /** Prints a line as each run starts and ends, and as a run passes each quarter of its leechers. */
    private static final class Progress implements CompareListener {

        private final PrintWriter out;
        private int quarter;

        Progress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void note(String message) {
            out.println("note: " + Text.printable(message));
            out.flush();
        }

        @Override
        public void runStarted(String strategy, int run, int runs) {
            quarter = 0;
            out.println(Text.printable(strategy) + ": run " + run + "/" + runs + "...");
            out.flush();
        }

        @Override
        public void progress(String strategy, int run, int completed, int leechers, Duration elapsed) {
            int reached = leechers == 0 ? 0 : 4 * completed / leechers;
            if (reached > quarter && reached < 4) {
                quarter = reached;
                out.println("  " + completed + "/" + leechers + " leechers complete after "
                        + Units.duration(elapsed) + " of swarm time");
                out.flush();
            }
        }

        @Override
        public void runFinished(String strategy, int run, boolean finished, double medianCompletion) {
            out.println("  " + (finished ? "done" : "stopped before every leecher completed") + ", median completion "
                    + (Double.isNaN(medianCompletion) ? "-" : String.format(Locale.ROOT, "%.0f s",
                    medianCompletion)));
            out.flush();
        }
    }
}
