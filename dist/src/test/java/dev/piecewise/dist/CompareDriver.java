package dev.piecewise.dist;

import dev.piecewise.api.Client;
import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.CompareListener;
import dev.piecewise.api.CompareRequest;
import dev.piecewise.api.CompareResult;
import dev.piecewise.api.Piecewise;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Runs one comparison through the public API in its own JVM on the distribution's runtime, with the distribution's
 * plugins loaded by the client's registry, and prints the figures {@link ComparisonIT} checks.
 *
 * <p>Arguments: {@code DATA_DIR PLUGINS_DIR TORRENT SWARM RUNS CHOKING LEECHERS FREE_RIDERS SEED_UPLOAD UPLOAD
 * SPEC...}. Output, one line each: {@code @strategy SPEC SEED_COPIES RAREST_COPIES COMPLETION} (medians), then
 * {@code @class SPEC CLASS COMPLETION} per class of leecher; {@code @error MESSAGE} if the comparison failed.
 */
public final class CompareDriver {

    private CompareDriver() {
    }

    /** The choking policy's options, from the system property {@code choking.options} ({@code k=v,k=v}). */
    private static Map<String, String> options() {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (String pair : System.getProperty("choking.options", "").split(",")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=", 2);
                options.put(kv[0], kv[1]);
            }
        }
        return options;
    }

    public static void main(String[] args) {
        var config = new ClientConfig(Path.of(args[0]), Path.of(args[1]), InetAddress.getLoopbackAddress(), 0);
        var shape = new CompareRequest.Shape(OptionalInt.empty(), OptionalInt.of(Integer.parseInt(args[6])),
                OptionalInt.of(Integer.parseInt(args[7])), OptionalLong.of(Long.parseLong(args[8])),
                OptionalLong.of(Long.parseLong(args[9])));
        var request = new CompareRequest(Path.of(args[2]), List.of(Arrays.copyOfRange(args, 10, args.length)),
                Optional.of(args[5]), options(), CompareRequest.Swarm.valueOf(args[3].toUpperCase(Locale.ROOT)),
                OptionalInt.of(Integer.parseInt(args[4])), OptionalLong.empty(), shape, Optional.empty(),
                Optional.empty(), Optional.empty());
        int status = 0;
        try (Client client = Piecewise.start(config)) {
            CompareResult result = client.compare(request, CompareListener.NONE);
            for (CompareResult.Strategy strategy : result.strategies()) {
                System.out.printf(Locale.ROOT, "@strategy %s %.4f %.4f %.4f%n", strategy.strategy(),
                        strategy.seedCopies().median(), strategy.rarestCopies().median(),
                        strategy.completionSeconds().median());
                for (CompareResult.PeerClass peerClass : strategy.classes()) {
                    System.out.printf(Locale.ROOT, "@class %s %s %.4f%n", strategy.strategy(), peerClass.name(),
                            peerClass.completionSeconds().median());
                }
            }
        } catch (RuntimeException e) {
            System.out.println("@error " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }
}
