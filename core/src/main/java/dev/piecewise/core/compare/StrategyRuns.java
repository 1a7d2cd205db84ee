package dev.piecewise.core.compare;

import dev.piecewise.core.swarm.RunOutcome;

import java.util.List;

/** Every run of one strategy in a comparison, in run order. */
public record StrategyRuns(String strategy, List<RunOutcome> runs) {

    public StrategyRuns {
        runs = List.copyOf(runs);
    }
}
