package dev.piecewise.core.tracker.server;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueryStringTest {

    @Test
    void valuesArePercentDecodedToRawBytes() throws Exception {
        var query = QueryString.parse("info_hash=%00%FFa+b&port=6881&flag");
        assertArrayEquals(new byte[]{0, (byte) 0xff, 'a', '+', 'b'}, query.bytes("info_hash").orElseThrow());
        assertEquals(6881, query.number("port", 1, 65535, null));
        assertEquals(Optional.of(""), query.text("flag"));
        assertEquals(7, query.number("numwant", 0, 10, 7L));
    }

    @Test
    void repeatedParametersAreAllKept() throws Exception {
        var query = QueryString.parse("info_hash=a&info_hash=b");
        assertEquals(List.of("a", "b"), query.all("info_hash").stream().map(String::new).toList());
    }

    @Test
    void badInputIsExplained() {
        assertEquals("invalid percent-encoding at '%G1'",
                assertThrows(QueryString.Invalid.class, () -> QueryString.parse("a=%G1")).getMessage());
        assertEquals("invalid percent-encoding at '%1'",
                assertThrows(QueryString.Invalid.class, () -> QueryString.parse("a=%1")).getMessage());
        var query = assertDoesNotThrowParse("port=99999&info_hash=abc&left=x");
        assertEquals("port must be from 1 to 65535, not 99999",
                assertThrows(QueryString.Invalid.class, () -> query.number("port", 1, 65535, null)).getMessage());
        assertEquals("info_hash must be 20 bytes, not 3",
                assertThrows(QueryString.Invalid.class, () -> query.bytes("info_hash", 20)).getMessage());
        assertEquals("left is not a whole number: x",
                assertThrows(QueryString.Invalid.class, () -> query.number("left", 0, 9, null)).getMessage());
        assertEquals("missing peer_id",
                assertThrows(QueryString.Invalid.class, () -> query.bytes("peer_id", 20)).getMessage());
    }

    private static QueryString assertDoesNotThrowParse(String raw) {
        try {
            return QueryString.parse(raw);
        } catch (QueryString.Invalid e) {
            throw new AssertionError(e);
        }
    }
}
