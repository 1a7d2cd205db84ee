package dev.piecewise.shell.format;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UnitsTest {

    @Test
    void bytesUseBinaryUnitsWithThreeSignificantDigits() {
        assertEquals("0 B", Units.bytes(0));
        assertEquals("1023 B", Units.bytes(1023));
        assertEquals("1.00 KiB", Units.bytes(1024));
        assertEquals("1.50 KiB", Units.bytes(1536));
        assertEquals("12.3 MiB", Units.bytes(12_900_000));
        assertEquals("100 MiB", Units.bytes(100L << 20));
        assertEquals("4.00 GiB", Units.bytes(4L << 30));
        assertEquals("8.00 EiB", Units.bytes(Long.MAX_VALUE));
    }

    @Test
    void aValueThatWouldRoundTo1024MovesToTheNextUnit() {
        assertEquals("0.98 MiB", Units.bytes(1024 * 1024 - 20 * 1024));
        assertEquals("1.00 MiB", Units.bytes(1024 * 1024 - 10));
    }

    @Test
    void ratesAreBytesPerSecondAndNeverNegative() {
        assertEquals("0 B/s", Units.rate(0));
        assertEquals("0 B/s", Units.rate(-5));
        assertEquals("2.00 MiB/s", Units.rate(2 * 1024 * 1024));
    }

    @Test
    void percentRoundsToATenthButNeverUpToAHundred() {
        assertEquals("0.0%", Units.percent(0));
        assertEquals("42.4%", Units.percent(0.4238));
        assertEquals("99.9%", Units.percent(0.99999));
        assertEquals("42.1%", Units.percent(0.42099));
        assertEquals("0.1%", Units.percent(0.0005));
        assertEquals("100.0%", Units.percent(1));
        assertEquals("100.0%", Units.percent(1.7));
    }

    @Test
    void durationsAreShortAndPadded() {
        assertEquals("850ms", Units.duration(Duration.ofMillis(850)));
        assertEquals("45s", Units.duration(Duration.ofSeconds(45)));
        assertEquals("3m 05s", Units.duration(Duration.ofSeconds(185)));
        assertEquals("1h 05m", Units.duration(Duration.ofMinutes(65)));
        assertEquals("2d 03h", Units.duration(Duration.ofHours(51)));
        assertEquals("-45s", Units.duration(Duration.ofSeconds(-45)));
    }

    @Test
    void ratesAreReadWithBinaryUnits() {
        assertEquals(512, Units.parseRate("512"));
        assertEquals(65_536, Units.parseRate("64k"));
        assertEquals(65_536, Units.parseRate("64KiB/s"));
        assertEquals(1_572_864, Units.parseRate("1.5M"));
        assertEquals(2_097_152, Units.parseRate(" 2 MiB/s "));
        for (String bad : List.of("fast", "-5", "0", "64x", "")) {
            assertThrows(IllegalArgumentException.class, () -> Units.parseRate(bad), bad);
        }
    }
}
