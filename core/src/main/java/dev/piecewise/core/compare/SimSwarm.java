package dev.piecewise.core.compare;

import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.core.sim.SimPolicies;
import dev.piecewise.core.sim.SimScenario;
import dev.piecewise.core.sim.SimSettings;
import dev.piecewise.core.sim.Simulator;
import dev.piecewise.core.swarm.RunOutcome;
import dev.piecewise.core.swarm.SwarmPlan;

import java.util.List;
import java.util.Map;

/** Runs strategies in the simulator: each run is a fresh simulated swarm with the plugins' own classes. */
public final class SimSwarm implements SwarmRunner {

    private final SimScenario scenario;
    private final Map<String, SimPolicies> policies;

    /** @param policies each strategy's policies (see {@link SimPolicies#of}), by strategy spec */
    public SimSwarm(PieceGeometry geometry, SwarmPlan plan, Map<String, SimPolicies> policies) {
        this.scenario = new SimScenario(geometry, plan, SimSettings.DEFAULTS);
        this.policies = Map.copyOf(policies);
    }

    @Override
    public String setup() {
        return SwarmDefaults.describe(scenario.plan()) + "; " + scenario.geometry().pieceCount() + " pieces, "
                + SimSettings.DEFAULTS.connectionLimit() + " connections per peer at most (simulated)";
    }

    @Override
    public List<String> notes() {
        return List.of("simulated: block transfers share each peer's upload and download capacity; control messages "
                + "take no time (see modules-info-docs/simulator.md)");
    }

    @Override
    public RunOutcome run(String strategy, int run, long seed, Progress progress) {
        SimPolicies chosen = policies.get(strategy);
        if (chosen == null) {
            throw new IllegalArgumentException("no policies for strategy " + strategy);
        }
        return Simulator.run(scenario, chosen, run, seed, progress::advanced);
    }
}
