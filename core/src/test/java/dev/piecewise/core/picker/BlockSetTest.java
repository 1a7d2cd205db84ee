package dev.piecewise.core.picker;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BlockSetTest {

    @Test
    void behavesLikeASetThroughRandomAddsAndRemoves() {
        var set = new BlockSet();
        var model = new HashSet<Long>();
        var random = new SplittableRandom(11);
        for (int step = 0; step < 50_000; step++) {
            long key = BlockSet.key(random.nextInt(40), random.nextInt(16));
            if (random.nextInt(3) == 0) {
                assertEquals(model.remove(key), set.remove(key));
            } else {
                assertEquals(model.add(key), set.add(key));
            }
            assertEquals(model.size(), set.size());
            long probe = BlockSet.key(random.nextInt(40), random.nextInt(16));
            assertEquals(model.contains(probe), set.contains(probe));
        }
        var drained = new HashSet<Long>();
        set.drain(drained::add);
        assertEquals(model, drained);
        assertEquals(0, set.size());
    }

    @Test
    void keysKeepPieceAndBlock() {
        long key = BlockSet.key(Integer.MAX_VALUE, 4095);
        assertEquals(Integer.MAX_VALUE, BlockSet.piece(key));
        assertEquals(4095, BlockSet.block(key));
    }
}
