package dev.piecewise.api;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A comparison of piece-selection strategies on one torrent: every strategy runs in the same swarm, with fresh state,
 * {@code runs} times.
 *
 * @param torrent    the .torrent file whose shape (size, pieces) the swarm uses; for {@link Swarm#LIVE} its real swarm
 * @param strategies the strategy specs to compare, as {@link Client#setDefaultStrategy} accepts them
 * @param choking    the choking policy every peer runs, if not the client's default
 * @param chokingOptions the policy's options as key=value (e.g. a shorter rechoke interval for a short lab run)
 * @param swarm      where the strategies run
 * @param runs       how many times each strategy runs; empty for the swarm's default
 * @param seed       the root of all randomness; the same seed sets up the same swarm (and, in the simulator, gives
 *                   the same numbers); empty for 1
 * @param shape      the swarm's peers and capacities, where not the default (lab and simulator only)
 * @param report     where to write a self-contained HTML report with charts
 * @param csv        where to write one CSV row per peer per run
 * @param json       where to write everything as JSON
 */
public record CompareRequest(Path torrent, List<String> strategies, Optional<String> choking,
                             Map<String, String> chokingOptions, Swarm swarm,
                             OptionalInt runs, OptionalLong seed, Shape shape, Optional<Path> report,
                             Optional<Path> csv, Optional<Path> json) {

    /** The most runs per strategy one comparison may ask for. */
    public static final int MAX_RUNS = 100;

    /** Where strategies are compared. */
    public enum Swarm {
        /** Real Piecewise engines on 127.0.0.1 with the embedded tracker, real TCP and real disk. */
        LAB,
        /** The deterministic simulator: the same plugin classes at a scale the lab cannot reach. */
        SIM,
        /** The torrent's real swarm, one strategy after the other (the swarm changes between runs). */
        LIVE;

        /** The name users type: {@code lab}, {@code sim}, {@code live}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The peers of a lab or simulated swarm; an empty field takes the swarm's default. Rates are bytes per second.
     *
     * @param seeds        peers that have everything from the start
     * @param leechers     peers that download (free riders included)
     * @param freeRiders   how many of the leechers never upload
     * @param seedUpload   each seed's upload rate
     * @param upload       each contributing leecher's upload rate
     */
    public record Shape(OptionalInt seeds, OptionalInt leechers, OptionalInt freeRiders, OptionalLong seedUpload,
                        OptionalLong upload) {

        /** Every field at the swarm's default. */
        public static final Shape DEFAULT = new Shape(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                OptionalLong.empty(), OptionalLong.empty());

        public Shape {
            Objects.requireNonNull(seeds, "seeds");
            Objects.requireNonNull(leechers, "leechers");
            Objects.requireNonNull(freeRiders, "freeRiders");
            Objects.requireNonNull(seedUpload, "seedUpload");
            Objects.requireNonNull(upload, "upload");
        }
    }

    public CompareRequest {
        Objects.requireNonNull(torrent, "torrent");
        strategies = List.copyOf(strategies);
        Objects.requireNonNull(choking, "choking");
        chokingOptions = Map.copyOf(chokingOptions);
        Objects.requireNonNull(swarm, "swarm");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(json, "json");
        if (strategies.isEmpty()) {
            throw new PiecewiseException("name at least one strategy to compare");
        }
        if (new HashSet<>(strategies).size() != strategies.size()) {
            throw new PiecewiseException("a strategy is named twice: " + String.join(" ", strategies));
        }
        if (runs.isPresent() && (runs.getAsInt() < 1 || runs.getAsInt() > MAX_RUNS)) {
            throw new PiecewiseException("runs must be from 1 to " + MAX_RUNS + ": " + runs.getAsInt());
        }
    }

    /** The strategies on a torrent in the lab, with every other setting at its default. */
    public static CompareRequest of(Path torrent, List<String> strategies) {
        return new CompareRequest(torrent, strategies, Optional.empty(), Map.of(), Swarm.LAB, OptionalInt.empty(),
                OptionalLong.empty(), Shape.DEFAULT, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
