package dev.piecewise.core.compare;

import dev.piecewise.api.CompareListener;
import dev.piecewise.api.CompareRequest;
import dev.piecewise.api.CompareResult;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.core.lab.LabSwarm;
import dev.piecewise.core.lab.LiveSwarm;
import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.metainfo.MetainfoException;
import dev.piecewise.core.metainfo.MetainfoParser;
import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.core.plugin.ChokingSelection;
import dev.piecewise.core.plugin.DefaultSelections;
import dev.piecewise.core.plugin.StrategySelection;
import dev.piecewise.core.sim.SimPolicies;
import dev.piecewise.core.swarm.SwarmPlan;
import dev.piecewise.spi.tracker.TrackerTransport;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

/**
 * A client's side of {@link dev.piecewise.api.Client#compare}: reads the torrent, resolves the strategies and the
 * policy against the plugins (so that a typo fails before anything runs), sets up the swarm and runs the comparison.
 */
public final class CompareService {

    /** How long one live download may take before its run counts as unfinished. */
    private static final Duration LIVE_TIME_LIMIT = Duration.ofHours(1);

    private final DefaultSelections selections;
    private final Function<String, Optional<TrackerTransport>> transports;
    private final Path workRoot;
    private final InetAddress bindAddress;

    /**
     * @param transports the session's tracker transports, for the lab's embedded tracker
     * @param workRoot   where the lab keeps its temporary files (deleted after every comparison)
     * @param bindAddress where live runs listen and connect from
     */
    public CompareService(DefaultSelections selections, Function<String, Optional<TrackerTransport>> transports,
                          Path workRoot, InetAddress bindAddress) {
        this.selections = selections;
        this.transports = transports;
        this.workRoot = workRoot;
        this.bindAddress = bindAddress;
    }

    /** See {@link dev.piecewise.api.Client#compare}. */
    public CompareResult compare(CompareRequest request, CompareListener listener) {
        Metainfo torrent = read(request);
        Map<String, StrategySelection> strategies = resolve(request.strategies());
        ChokingSelection choking = selections.chokingFor(request.choking(), request.chokingOptions());
        int runs = request.runs().orElse(SwarmDefaults.runs(request.swarm()));
        long seed = request.seed().orElse(1);
        try (SwarmRunner swarm = switch (request.swarm()) {
            case SIM -> simulated(request, torrent, strategies, choking);
            case LAB -> new LabSwarm(torrent.totalLength(), torrent.pieceLength(),
                    SwarmDefaults.plan(request.swarm(), request.shape(), torrent.totalLength()), choking.spec(),
                    request.chokingOptions(), selections, transports, workRoot);
            case LIVE -> new LiveSwarm(request.torrent(), torrent.totalLength(), choking.spec(),
                    request.chokingOptions(), selections, transports, bindAddress, workRoot, LIVE_TIME_LIMIT);
        }) {
            return Comparison.run(request, torrent.name(), List.copyOf(strategies.keySet()), choking.spec(), runs,
                    seed, swarm, listener).result();
        } catch (CancellationException e) {
            Thread.currentThread().interrupt();
            throw new PiecewiseException("the comparison was interrupted", e);
        }
    }

    private static Metainfo read(CompareRequest request) {
        try {
            return MetainfoParser.read(request.torrent());
        } catch (MetainfoException e) {
            throw new PiecewiseException(e.getMessage(), e);
        }
    }

    /** The selections by their full spec, in the order asked; two names for one strategy are refused. */
    private Map<String, StrategySelection> resolve(List<String> specs) {
        Map<String, StrategySelection> resolved = new LinkedHashMap<>();
        Map<String, String> typedFor = new HashMap<>();
        for (String spec : specs) {
            StrategySelection selection = selections.strategyFor(Optional.of(spec), Map.of());
            String earlier = typedFor.putIfAbsent(selection.spec(), spec);
            if (earlier != null) {
                throw new PiecewiseException("'" + earlier + "' and '" + spec + "' both name " + selection.spec());
            }
            resolved.put(selection.spec(), selection);
        }
        return resolved;
    }

    private static SwarmRunner simulated(CompareRequest request, Metainfo torrent,
                                         Map<String, StrategySelection> strategies, ChokingSelection choking) {
        SwarmPlan plan = SwarmDefaults.plan(request.swarm(), request.shape(), torrent.totalLength());
        Map<String, SimPolicies> policies = new LinkedHashMap<>();
        strategies.forEach((spec, selection) -> policies.put(spec, SimPolicies.of(selection, choking)));
        return new SimSwarm(new PieceGeometry(torrent.totalLength(), torrent.pieceLength()), plan, policies);
    }
}
