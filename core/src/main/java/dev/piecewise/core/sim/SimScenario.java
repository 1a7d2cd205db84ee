package dev.piecewise.core.sim;

import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.core.swarm.SwarmPlan;

import java.util.Objects;

/**
 * Everything a simulated run needs besides the policies and the seed: the torrent's shape, the swarm and how the
 * simulated clients behave.
 */
public record SimScenario(PieceGeometry geometry, SwarmPlan plan, SimSettings settings) {

    public SimScenario {
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(settings, "settings");
    }
}
