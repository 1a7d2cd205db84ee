package dev.piecewise.core.choke;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The debug trace of a rechoke shows each peer as the policy saw it and what it got: the inputs of a diagnosis. */
class ChokerTraceTest {

    static {
        // the tests run inside the core's module, which does not read logback; the log capture needs it
        for (String name : List.of("ch.qos.logback.classic", "ch.qos.logback.core")) {
            ModuleLayer.boot().findModule(name).ifPresent(ChokerTraceTest.class.getModule()::addReads);
        }
    }

    private static final long T0 = 5_000_000;

    private final Logger logger = (Logger) LoggerFactory.getLogger(Choker.class);
    private final Level levelBefore = logger.getLevel();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @AfterEach
    void detach() {
        logger.detachAppender(events);
        logger.setLevel(levelBefore);
    }

    @Test
    void tracesEveryPeersInterestRatesAndSlot() {
        events.start();
        logger.addAppender(events);
        logger.setLevel(Level.DEBUG);
        var choker = new Choker<TestPeer>("t1 on port 6881", "scripted", ScriptedPolicy.every10s().unchoking(1),
                new Random(1));
        var giver = new TestPeer("giver", T0);
        var seed = new TestPeer("seed", T0);
        choker.add(giver, T0);
        choker.add(seed, T0);
        giver.interested = true;
        giver.down.add(20_000, T0 + 500);
        giver.up.add(10_000, T0 + 600);
        seed.seed = true;

        choker.tick(T0 + 2_000);

        String trace = events.list.getLast().getFormattedMessage();
        assertTrue(trace.startsWith("torrent t1 on port 6881: scheduled rechoke:"), trace);
        String[] lines = trace.lines().skip(1).map(String::strip).toArray(String[]::new);
        assertEquals("giver interested down 10000 up 5000 -> REGULAR", lines[0]);
        assertEquals("seed not-interested seed down 0 up 0 -> choked", lines[1]);
    }
}
