package dev.piecewise.core.magnet;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileSelectionTest {

    @Test
    void indexesAndRangesAreSortedAndMerged() throws Exception {
        FileSelection selection = FileSelection.parse("9, 4-6,0,5-7,2,3,12-12");
        assertEquals(List.of(new FileSelection.Range(0, 0), new FileSelection.Range(2, 7),
                new FileSelection.Range(9, 9), new FileSelection.Range(12, 12)), selection.ranges());
        assertEquals("0,2-7,9,12", selection.toString());
    }

    @Test
    void containsFollowsTheRanges() throws Exception {
        FileSelection selection = FileSelection.parse("0,2,4-6,100-2000000000");
        for (int index : new int[] {0, 2, 4, 5, 6, 100, 1_000_000, 2_000_000_000}) {
            assertTrue(selection.contains(index), "file " + index);
        }
        for (int index : new int[] {-1, 1, 3, 7, 99, 2_000_000_001, Integer.MAX_VALUE}) {
            assertFalse(selection.contains(index), "file " + index);
        }
    }

    @Test
    void rangesMustBeSortedAndApartWhenBuiltDirectly() {
        assertThrows(IllegalArgumentException.class, () -> new FileSelection(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new FileSelection(List.of(new FileSelection.Range(3, 4),
                new FileSelection.Range(5, 6))));
        assertThrows(IllegalArgumentException.class, () -> new FileSelection(List.of(new FileSelection.Range(5, 6),
                new FileSelection.Range(1, 2))));
        assertThrows(IllegalArgumentException.class, () -> new FileSelection.Range(3, 2));
    }
}
