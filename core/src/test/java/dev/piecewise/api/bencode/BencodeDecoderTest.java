package dev.piecewise.api.bencode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BencodeDecoderTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static BValue decode(String text) throws BencodeException {
        return Bencode.decode(bytes(text));
    }

    private static BencodeException failure(BencodeDecoder decoder, String text) {
        return assertThrows(BencodeException.class, () -> decoder.decode(bytes(text)));
    }

    private static BencodeException failure(String text) {
        return failure(Bencode.decoder(), text);
    }

    @Test
    void decodesEveryKindOfValue() throws BencodeException {
        assertEquals(BInteger.of(42), decode("i42e"));
        assertEquals(BInteger.of(-7), decode("i-7e"));
        assertEquals(BInteger.of(0), decode("i0e"));
        assertEquals(BString.of("spam"), decode("4:spam"));
        assertEquals(BString.of(""), decode("0:"));
        assertEquals(BList.of(BString.of("spam"), BInteger.of(1)), decode("l4:spami1ee"));
        assertEquals(BDictionary.builder().put("cow", "moo").put("spam", BList.of()).build(),
                decode("d3:cow3:moo4:spamlee"));
    }

    @Test
    void keepsArbitraryBytesInStrings() throws BencodeException {
        BString value = (BString) Bencode.decode(new byte[]{'3', ':', 0, (byte) 0xff, (byte) 0x80});
        assertArrayEquals(new byte[]{0, (byte) 0xff, (byte) 0x80}, value.bytes());
    }

    @Test
    void decodesTheExtremesOfALong() throws BencodeException {
        assertEquals(BInteger.of(Long.MAX_VALUE), decode("i9223372036854775807e"));
        assertEquals(BInteger.of(Long.MIN_VALUE), decode("i-9223372036854775808e"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "i9223372036854775808e     | 0 | integer does not fit in 64 bits",
            "i-9223372036854775809e    | 0 | integer does not fit in 64 bits",
            "i99999999999999999999999e | 0 | integer does not fit in 64 bits",
            "i03e                      | 1 | an integer must not have leading zeros",
            "i00e                      | 1 | an integer must not have leading zeros",
            "i-0e                      | 0 | negative zero",
            "i-03e                     | 0 | negative zero",
            "ie                        | 1 | expected a digit in an integer, found 'e'",
            "i-e                       | 2 | expected a digit in an integer, found 'e'",
            "i+1e                      | 1 | expected a digit in an integer, found '+'",
            "i1.5e                     | 2 | expected a digit or 'e' in an integer, found '.'",
            "i12                       | 3 | unexpected end of input: expected 'e' at the end of an integer",
            "i                         | 1 | unexpected end of input: expected a digit or '-' in an integer",
            "03:abc                    | 0 | a string length must not have leading zeros",
            "00:                       | 0 | a string length must not have leading zeros",
            "3abc                      | 1 | expected ':' after a string length, found 'a'",
            "12                        | 2 | unexpected end of input: expected ':' after a string length",
            "5:abc                     | 0 | a string of 5 bytes, but only 3 bytes are left in the input",
            "''                        | 0 | unexpected end of input: expected a value",
            "x                         | 0 | expected a value (a digit, 'i', 'l' or 'd'), found 'x'",
            "e                         | 0 | expected a value (a digit, 'i', 'l' or 'd'), found 'e'",
            "l                         | 1 | unexpected end of input: expected a value or 'e'",
            "li1e                      | 4 | unexpected end of input: expected a value or 'e'",
            "d                         | 1 | unexpected end of input: expected a dictionary key or 'e'",
            "di1ei2ee                  | 1 | expected a dictionary key (a byte string) or 'e', found 'i'",
            "d1:ae                     | 4 | expected the value of key \"a\", found 'e'",
            "d1:a                      | 4 | unexpected end of input: expected a value",
            "d1:bi1e1:ai2ee            | 7 | dictionary key \"a\" is out of order",
            "d1:ai1e1:ai2ee            | 7 | duplicate dictionary key \"a\"",
            "i1ei2e                    | 3 | expected the end of the input after the value, found 'i' and 2 more bytes",
            "4:spamx                   | 6 | expected the end of the input after the value, found 'x'",
    })
    void refusesWhatIsNotStrictBencodeAtTheRightOffset(String input, int offset, String problem) {
        BencodeException e = failure(input);
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().startsWith("at byte " + offset + ": " + problem), e.getMessage());
    }

    @Test
    void namesNonPrintableBytesInHex() {
        BencodeException e = assertThrows(BencodeException.class, () -> Bencode.decode(new byte[]{(byte) 0xfe}));
        assertEquals("at byte 0: expected a value (a digit, 'i', 'l' or 'd'), found byte 0xfe", e.getMessage());
    }

    @Test
    void ordersKeysAsUnsignedBytes() throws BencodeException {
        // 0x7f sorts before 0x80 as unsigned bytes (a signed comparison would say the opposite)
        byte[] sorted = {'d', '1', ':', 0x7f, 'i', '1', 'e', '1', ':', (byte) 0x80, 'i', '2', 'e', 'e'};
        assertEquals(2, ((BDictionary) Bencode.decode(sorted)).entries().size());
        byte[] unsorted = {'d', '1', ':', (byte) 0x80, 'i', '1', 'e', '1', ':', 0x7f, 'i', '2', 'e', 'e'};
        assertThrows(BencodeException.class, () -> Bencode.decode(unsorted));
    }

    @Test
    void aShorterKeySortsBeforeItsExtensions() throws BencodeException {
        assertEquals(2, ((BDictionary) decode("d1:ai1e2:aai2ee")).entries().size());
        assertTrue(failure("d2:aai1e1:ai2ee").getMessage().contains("out of order"));
    }

    @Test
    void unsortedKeysCanBeAcceptedButNeverDuplicates() throws BencodeException {
        BencodeDecoder lenient = Bencode.decoder().acceptingUnsortedKeys();
        BDictionary value = (BDictionary) lenient.decode(bytes("d1:bi1e1:ai2ee"));
        assertEquals(List.of(BString.of("a"), BString.of("b")), List.copyOf(value.entries().keySet()));
        BencodeException e = failure(lenient, "d1:bi1e1:ai2e1:bi3ee");
        assertEquals("at byte 13: duplicate dictionary key \"b\"", e.getMessage());
    }

    @Test
    void limitsNestingDepthWithoutUsingTheThreadStack() {
        BencodeDecoder decoder = Bencode.decoder().withLimits(BencodeLimits.DEFAULT.withMaxDepth(3));
        assertEquals(3, assertDoesNotThrowDecode(decoder, "llleee"));
        BencodeException e = failure(decoder, "lllleeee");
        assertEquals("at byte 3: lists and dictionaries nested more than 3 deep (the limit)", e.getMessage());
        // far deeper than any thread stack could recurse: refused at the limit, in bounded time and memory
        String bomb = "l".repeat(5_000_000);
        assertTrue(failure(bomb).getMessage().contains("nested more than 64 deep"));
        BencodeDecoder deep = Bencode.decoder().withLimits(BencodeLimits.DEFAULT.withMaxDepth(10_000));
        String deepest = "l".repeat(10_000) + "e".repeat(10_000);
        assertEquals(10_000, assertDoesNotThrowDecode(deep, deepest));
    }

    private static int assertDoesNotThrowDecode(BencodeDecoder decoder, String text) {
        try {
            BValue value = decoder.decode(bytes(text));
            int depth = 0;
            while (value instanceof BList list) {
                depth++;
                value = list.values().isEmpty() ? null : list.values().getFirst();
            }
            return depth;
        } catch (BencodeException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void limitsTheNumberOfValues() throws BencodeException {
        BencodeDecoder decoder = Bencode.decoder().withLimits(BencodeLimits.DEFAULT.withMaxTokens(4));
        assertEquals(3, ((BList) decoder.decode(bytes("li1ei2ei3ee"))).values().size());
        BencodeException e = failure(decoder, "li1ei2ei3ei4ee");
        assertEquals("at byte 10: more than 4 values (the limit)", e.getMessage());
        // keys count too
        assertTrue(failure(decoder, "d1:ai1e1:bi2ee").getMessage().contains("more than 4 values"));
    }

    @Test
    void limitsStringLengthBeforeAllocating() {
        BencodeDecoder decoder = Bencode.decoder().withLimits(BencodeLimits.DEFAULT.withMaxStringLength(3));
        assertEquals("at byte 0: a string longer than the limit of 3 bytes", failure(decoder, "4:spam").getMessage());
        // a claimed length far beyond the input is refused from the header alone
        assertTrue(failure("2147483647:x").getMessage().contains("longer than the limit"));
        assertTrue(failure(Bencode.decoder().withLimits(BencodeLimits.DEFAULT.withMaxStringLength(Integer.MAX_VALUE)),
                "2147483647:x").getMessage().contains("but only 1 bytes are left"));
        assertTrue(failure("99999999999999999999999:x").getMessage().contains("longer than the limit"));
    }

    @Test
    void limitsTotalSize() throws BencodeException {
        BencodeDecoder decoder = Bencode.decoder().withLimits(BencodeLimits.DEFAULT.withMaxTotalSize(6));
        assertEquals(BString.of("spam"), decoder.decode(bytes("4:spam")));
        assertEquals("at byte 0: the input is 7 bytes, over the limit of 6 bytes",
                failure(decoder, "5:spams").getMessage());
        // a prefix decode stops at the limit even when more input follows
        BencodeException e = assertThrows(BencodeException.class,
                () -> decoder.readPrefix(bytes("xxli1ei2ei3eeyyyy"), 2));
        assertEquals("at byte 2: the value is longer than the limit of 6 bytes", e.getMessage());
        assertEquals("at byte 2: the value is longer than the limit of 6 bytes",
                assertThrows(BencodeException.class, () -> decoder.readPrefix(bytes("xx5:spamsyy"), 2)).getMessage());
    }

    @Test
    void prefixDecodeReturnsWhereTheValueEnded() throws BencodeException {
        // a BEP 9 metadata message: a dictionary followed by raw piece bytes
        byte[] message = bytes("d8:msg_typei1e5:piecei0ee\u0001\u0002\u0003");
        Decoded decoded = Bencode.decoder().readPrefix(message, 0);
        assertEquals(BDictionary.builder().put("msg_type", 1).put("piece", 0).build(), decoded.value());
        assertEquals(message.length - 3, decoded.end());
        // and from an offset inside a larger buffer
        byte[] framed = bytes("\u0014\u0000i7eREST");
        Decoded inner = Bencode.decoder().readPrefix(framed, 2);
        assertEquals(BInteger.of(7), inner.value());
        assertEquals(5, inner.end());
        // offsets in errors are indices into the array
        assertEquals(2, assertThrows(BencodeException.class,
                () -> Bencode.decoder().readPrefix(bytes("xxi-0e"), 2)).offset());
    }

    @Test
    void readDecodesExactlyTheGivenRange() throws BencodeException {
        byte[] buffer = bytes("__d1:ai1ee__");
        Decoded decoded = Bencode.decoder().read(buffer, 2, 8);
        assertEquals(10, decoded.end());
        assertEquals(10, assertThrows(BencodeException.class, () -> Bencode.decoder().read(buffer, 2, 9)).offset());
    }

    @Test
    void capturesTheExactBytesOfATopLevelEntry() throws BencodeException {
        // the info dictionary's keys are unsorted: a re-encoding would differ, the captured bytes must not
        byte[] torrent = bytes("d8:announce3:url4:infod4:name1:x6:lengthi1eee");
        BencodeDecoder decoder = Bencode.decoder().acceptingUnsortedKeys().capturing("info");
        Decoded decoded = decoder.read(torrent, 0, torrent.length);
        byte[] info = decoded.captured().orElseThrow().copyOf(torrent);
        assertEquals("d4:name1:x6:lengthi1ee", new String(info, StandardCharsets.ISO_8859_1));
        BValue infoValue = ((BDictionary) decoded.value()).get("info").orElseThrow();
        assertEquals("d6:lengthi1e4:name1:xe", new String(Bencode.encode(infoValue), StandardCharsets.ISO_8859_1));
    }

    @Test
    void capturesOnlyAtTheTopLevel() throws BencodeException {
        byte[] nested = bytes("d1:ad4:infoi1eee");
        assertTrue(Bencode.decoder().capturing("info").decode(nested) instanceof BDictionary);
        assertTrue(Bencode.decoder().capturing("info").read(nested, 0, nested.length).captured().isEmpty());
    }

    @Test
    void rejectsRangesOutsideTheArrayAsProgrammingErrors() {
        assertThrows(IndexOutOfBoundsException.class, () -> Bencode.decoder().read(new byte[3], 2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> Bencode.decoder().readPrefix(new byte[3], 4));
    }

    @Test
    void limitsThemselvesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> BencodeLimits.DEFAULT.withMaxDepth(0));
        assertThrows(IllegalArgumentException.class, () -> BencodeLimits.DEFAULT.withMaxDepth(1_000_000));
        assertThrows(IllegalArgumentException.class, () -> BencodeLimits.DEFAULT.withMaxTokens(0));
    }
}
