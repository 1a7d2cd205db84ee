package dev.piecewise.plugin.randomfirst;

import dev.piecewise.core.picker.CancelSink;
import dev.piecewise.core.picker.PickerPeer;
import dev.piecewise.testkit.strategy.PickerScenario;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static dev.piecewise.testkit.strategy.PickerScenario.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random-first driven through the core's real picker, in a swarm where pieces 0..99 of 1000 are rare: rarest first
 * would take only those, random first takes pieces from everywhere.
 */
class RandomFirstStrategyTest {

    private static final int BLOCK = 16 * 1024;
    private static final int PIECES = 1000;
    private static final int RARE = 100;

    private final RandomFirstProvider provider = new RandomFirstProvider();
    private final PickerScenario scenario = new PickerScenario(PIECES, 2, 3);
    private final PickerPeer seed = scenario.seed(1);

    RandomFirstStrategyTest() {
        scenario.peer(2, range(RARE, PIECES));
    }

    @Test
    void itsFirstPicksAreSpreadOverTheWholeTorrent() {
        use("4", 9);
        List<Integer> picks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            picks.addAll(scenario.pickPieces(seed, 2));
        }
        assertEquals(40, picks.size(), "one new piece per pick");
        long rare = picks.stream().filter(piece -> piece < RARE).count();
        long tenths = picks.stream().map(piece -> piece / 100).distinct().count();
        assertTrue(rare <= 12, "about a tenth should be rare pieces, not all: " + picks);
        assertTrue(tenths >= 7, "picks should reach most tenths of the torrent: " + picks);
    }

    @Test
    void switchesToRarestFirstOnceTheFirstPiecesAreComplete() {
        use("2", 9);
        for (int done = 0; done < 2; done++) {
            scenario.download(seed, scenario.pickPieces(seed, 2).get(0));
        }
        for (int i = 0; i < 20; i++) {
            int piece = scenario.pickPieces(seed, 2).get(0);
            assertTrue(piece < RARE, "rarest first after two complete pieces, got " + piece);
        }
    }

    @Test
    void finishesAStartedPieceFirst() {
        use("4", 9);
        scenario.picker().received(seed, 700, BLOCK, BLOCK, CancelSink.NONE);
        assertEquals(List.of(700), scenario.pickPieces(seed, 1));
    }

    @Test
    void takesSuggestedPiecesWhilePickingAtRandom() {
        use("4", 9);
        scenario.picker().suggest(seed, 321);
        assertEquals(List.of(321), scenario.pickPieces(seed, 2));
    }

    @Test
    void theSameSeedGivesTheSamePicksAndAnotherSeedOthers() {
        use("4", 9);
        List<Integer> once = scenario.pickPieces(seed, 20);
        assertEquals(once, freshPicks(9));
        assertTrue(!once.equals(freshPicks(10)));
    }

    private List<Integer> freshPicks(long seed) {
        var fresh = new PickerScenario(PIECES, 2, 3);
        fresh.use(provider, Map.of(), new SplittableRandom(seed), Optional.empty());
        return fresh.pickPieces(fresh.seed(1), 20);
    }

    private void use(String first, long seed) {
        scenario.use(provider, Map.of("first", first), new SplittableRandom(seed), Optional.empty());
    }
}
