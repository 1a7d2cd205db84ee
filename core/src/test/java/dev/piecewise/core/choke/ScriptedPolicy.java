package dev.piecewise.core.choke;

import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingEvent;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingView;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/** A policy whose answer a test scripts, and which records how it was called. */
class ScriptedPolicy implements ChokingPolicy {

    final List<Boolean> calls = new ArrayList<>();
    private final Duration interval;
    private final Set<ChokingEvent> triggers;
    BiFunction<ChokingView, Boolean, ChokingDecision> answer = (view, scheduled) -> new ChokingDecision();

    ScriptedPolicy(Duration interval, Set<ChokingEvent> triggers) {
        this.interval = interval;
        this.triggers = triggers;
    }

    static ScriptedPolicy every10s() {
        return new ScriptedPolicy(Duration.ofSeconds(10), Set.of());
    }

    /** Unchokes the peers with these ids in regular slots. */
    ScriptedPolicy unchoking(long... ids) {
        answer = (view, scheduled) -> {
            var decision = new ChokingDecision();
            for (long id : ids) {
                decision.unchoke(id);
            }
            return decision;
        };
        return this;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public Set<ChokingEvent> triggers() {
        return triggers;
    }

    @Override
    public ChokingDecision rechoke(ChokingView view, boolean scheduled) {
        calls.add(scheduled);
        return answer.apply(view, scheduled);
    }
}
