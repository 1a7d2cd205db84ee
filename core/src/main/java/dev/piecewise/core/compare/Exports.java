package dev.piecewise.core.compare;

import dev.piecewise.api.CompareResult;
import dev.piecewise.api.CompareResult.Spread;
import dev.piecewise.core.swarm.AvailabilitySample;
import dev.piecewise.core.swarm.PeerOutcome;
import dev.piecewise.core.swarm.RunOutcome;

import java.util.List;
import java.util.Locale;

/** The raw data of a comparison as CSV (one row per peer per run) and as JSON (everything). */
final class Exports {

    static final String CSV_HEADER = "strategy,choking,run,seed,peer,class,initial_seed,arrival_s,first_piece_s,"
            + "completion_s,departure_s,uploaded_bytes,downloaded_bytes,from_leechers_bytes,duplicate_bytes,wasted_bytes,"
            + "upload_capacity_bps,share_ratio,upload_utilization";

    private Exports() {
    }

    static String csv(List<StrategyRuns> strategies) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        for (StrategyRuns strategy : strategies) {
            for (RunOutcome run : strategy.runs()) {
                for (PeerOutcome peer : run.peers()) {
                    out.append(String.join(",", field(run.strategy()), field(run.choking()),
                            Integer.toString(run.run()), Long.toString(run.seed()), Integer.toString(peer.peer()),
                            field(peer.peerClass()), Boolean.toString(peer.seed()), seconds(peer.arrival()),
                            seconds(peer.firstPiece()), seconds(peer.completion()), seconds(peer.departure()),
                            Long.toString(peer.uploaded()), Long.toString(peer.downloaded()), bytes(peer.fromLeechers()),
                            Long.toString(peer.duplicateBytes()), Long.toString(peer.wastedBytes()),
                            Long.toString(peer.uploadCapacity()), number(peer.shareRatio()),
                            number(peer.uploadUtilization()))).append('\n');
                }
            }
        }
        return out.toString();
    }

    static String json(CompareResult result, List<StrategyRuns> strategies) {
        Json json = new Json().beginObject()
                .name("torrent").value(result.torrent())
                .name("swarm").value(result.swarm().id())
                .name("choking").value(result.choking())
                .name("runs").value(result.runs())
                .name("seed").value(result.seed())
                .name("setup").value(result.setup())
                .name("notes").beginArray();
        result.notes().forEach(json::value);
        json.endArray().name("strategies").beginArray();
        for (StrategyRuns runs : strategies) {
            strategy(json, result.strategy(runs.strategy()), runs.runs());
        }
        return json.endArray().endObject().toString();
    }

    private static void strategy(Json json, CompareResult.Strategy figures, List<RunOutcome> runs) {
        json.beginObject().name("strategy").value(figures.strategy())
                .name("leechers").value(figures.leechers())
                .name("completed").value(figures.completed());
        spread(json, "completion_s", figures.completionSeconds());
        spread(json, "first_piece_s", figures.firstPieceSeconds());
        spread(json, "seed_copies", figures.seedCopies());
        spread(json, "duplicate_bytes", figures.duplicateBytes());
        spread(json, "wasted_bytes", figures.wastedBytes());
        spread(json, "rarest_copies", figures.rarestCopies());
        spread(json, "upload_utilization", figures.uploadUtilization());
        json.name("classes").beginArray();
        for (CompareResult.PeerClass peerClass : figures.classes()) {
            json.beginObject().name("name").value(peerClass.name()).name("peers").value(peerClass.peers());
            spread(json, "completion_s", peerClass.completionSeconds());
            spread(json, "share_ratio", peerClass.shareRatio());
            json.endObject();
        }
        json.endArray().name("runs").beginArray();
        for (RunOutcome run : runs) {
            run(json, run);
        }
        json.endArray().endObject();
    }

    private static void run(Json json, RunOutcome run) {
        json.beginObject().name("run").value(run.run()).name("seed").value(run.seed())
                .name("finished").value(run.finished())
                .name("duration_s").value(run.durationMillis() / 1000.0)
                .name("seed_copies_until_all_out").value(run.seedCopiesUntilAllOut())
                .name("all_out_s").value(run.allOutMillis() == PeerOutcome.NEVER ? Double.NaN
                        : run.allOutMillis() / 1000.0)
                .name("peers").beginArray();
        for (PeerOutcome peer : run.peers()) {
            json.beginObject().name("peer").value(peer.peer()).name("class").value(peer.peerClass())
                    .name("initial_seed").value(peer.seed())
                    .name("arrival_s").value(secondsOrNaN(peer.arrival()))
                    .name("first_piece_s").value(secondsOrNaN(peer.firstPiece()))
                    .name("completion_s").value(secondsOrNaN(peer.completion()))
                    .name("departure_s").value(secondsOrNaN(peer.departure()))
                    .name("uploaded_bytes").value(peer.uploaded())
                    .name("downloaded_bytes").value(peer.downloaded())
                    .name("from_leechers_bytes").value(peer.fromLeechers() == PeerOutcome.NEVER ? Double.NaN
                            : peer.fromLeechers())
                    .name("duplicate_bytes").value(peer.duplicateBytes())
                    .name("wasted_bytes").value(peer.wastedBytes())
                    .name("upload_capacity_bps").value(peer.uploadCapacity())
                    .endObject();
        }
        json.endArray().name("availability").beginObject().name("columns").beginArray()
                .value("time_s").value("min_copies").value("mean_copies").value("leechers").value("completed")
                .endArray().name("samples").beginArray();
        for (AvailabilitySample sample : run.availability()) {
            json.beginArray().value(sample.millis() / 1000.0).value(sample.minCopies()).value(sample.meanCopies())
                    .value(sample.leechers()).value(sample.completed()).endArray();
        }
        json.endArray().endObject().endObject();
    }

    private static void spread(Json json, String name, Spread spread) {
        json.name(name).beginObject().name("count").value(spread.count()).name("min").value(spread.min())
                .name("p25").value(spread.p25()).name("median").value(spread.median()).name("p75").value(spread.p75())
                .name("max").value(spread.max()).endObject();
    }

    private static double secondsOrNaN(long millis) {
        return millis == PeerOutcome.NEVER ? Double.NaN : millis / 1000.0;
    }

    private static String seconds(long millis) {
        return millis == PeerOutcome.NEVER ? "" : String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String bytes(long bytes) {
        return bytes == PeerOutcome.NEVER ? "" : Long.toString(bytes);
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "";
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
