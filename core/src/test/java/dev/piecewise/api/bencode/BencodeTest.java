package dev.piecewise.api.bencode;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BencodeTest {

    private static String encode(BValue value) {
        return new String(Bencode.encode(value), StandardCharsets.ISO_8859_1);
    }

    @Test
    void encodesCanonically() {
        assertEquals("i0e", encode(BInteger.of(0)));
        assertEquals("i-42e", encode(BInteger.of(-42)));
        assertEquals("i-9223372036854775808e", encode(BInteger.of(Long.MIN_VALUE)));
        assertEquals("i9223372036854775807e", encode(BInteger.of(Long.MAX_VALUE)));
        assertEquals("0:", encode(BString.of("")));
        assertEquals("4:spam", encode(BString.of("spam")));
        assertEquals("le", encode(BList.of()));
        assertEquals("de", encode(BDictionary.builder().build()));
    }

    @Test
    void writesDictionaryKeysSortedAsRawBytesWhateverOrderTheyWerePutIn() {
        BDictionary dictionary = BDictionary.builder()
                .put("zeta", 1).put("alpha", 2).put("\u00e9", 3).put("Z", 4).put("alphabet", 5).build();
        // 'Z' (0x5a) < 'a' < "alphabet" after "alpha" < 'z' < 0xc3 0xa9 (the UTF-8 of e-acute)
        assertEquals("d1:Zi4e5:alphai2e8:alphabeti5e4:zetai1e2:\u00c3\u00a9i3ee", encode(dictionary));
    }

    @Test
    void roundTripsNestedValues() throws BencodeException {
        BDictionary value = BDictionary.builder()
                .put("list", BList.of(BInteger.of(-1), BString.of(new byte[]{0, (byte) 0xff}), BList.of()))
                .put("nested", BDictionary.builder().put("k", "v").build())
                .put("number", Long.MIN_VALUE)
                .build();
        byte[] encoded = Bencode.encode(value);
        assertEquals(value, Bencode.decode(encoded));
        assertArrayEquals(encoded, Bencode.encode(Bencode.decode(encoded)));
    }

    @Test
    void encodesValuesDeeperThanAThreadStackCouldRecurse() throws BencodeException {
        BValue value = BInteger.of(1);
        for (int i = 0; i < 100_000; i++) {
            value = i % 2 == 0 ? BList.of(value) : BDictionary.builder().put("k", value).build();
        }
        byte[] encoded = Bencode.encode(value);
        assertEquals(100_000 * 2 + 50_000 * 3 + 3, encoded.length);
        BencodeDecoder deep = Bencode.decoder().withLimits(BencodeLimits.DEFAULT.withMaxDepth(10_000));
        BencodeException e = org.junit.jupiter.api.Assertions.assertThrows(BencodeException.class,
                () -> deep.decode(encoded));
        assertTrue(e.getMessage().contains("nested more than 10000 deep"), e.getMessage());
    }

    @Test
    void roundTripsRandomValues() throws BencodeException {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            BValue value = randomValue(random, 0);
            assertEquals(value, Bencode.decode(Bencode.encode(value)));
        }
    }

    /**
     * Mutated valid inputs: every outcome is a value or a {@link BencodeException}, never another exception (the test
     * fails on any other throwable).
     */
    @Test
    void survivesRandomlyMutatedInput() {
        Random random = new Random(11);
        BencodeDecoder decoder = Bencode.decoder().withLimits(BencodeLimits.DEFAULT.withMaxDepth(16));
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input = Bencode.encode(randomValue(random, 0));
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations && input.length > 0; m++) {
                int at = random.nextInt(input.length);
                input[at] = switch (random.nextInt(4)) {
                    case 0 -> (byte) random.nextInt(256);
                    case 1 -> (byte) "ilde:-0123456789".charAt(random.nextInt(16));
                    case 2 -> (byte) (input[at] + 1);
                    default -> (byte) (input[at] - 1);
                };
            }
            try {
                BValue value = decoder.decode(input);
                assertArrayEquals(input, Bencode.encode(value), "a strict decode is canonical");
                decoded++;
            } catch (BencodeException e) {
                assertTrue(e.getMessage().startsWith("at byte " + e.offset() + ": "), e.getMessage());
                assertTrue(e.offset() >= 0 && e.offset() <= input.length, e.getMessage());
                refused++;
            }
        }
        assertTrue(decoded > 100 && refused > 100, decoded + " decoded, " + refused + " refused");
    }

    private static BValue randomValue(Random random, int depth) {
        int kind = depth > 4 ? random.nextInt(2) : random.nextInt(4);
        return switch (kind) {
            case 0 -> BInteger.of(random.nextBoolean() ? random.nextInt(2000) - 1000 : random.nextLong());
            case 1 -> {
                byte[] bytes = new byte[random.nextInt(12)];
                random.nextBytes(bytes);
                yield BString.of(bytes);
            }
            case 2 -> {
                List<BValue> values = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    values.add(randomValue(random, depth + 1));
                }
                yield new BList(values);
            }
            default -> {
                TreeMap<BString, BValue> entries = new TreeMap<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    entries.put(BString.of("k" + random.nextInt(20)), randomValue(random, depth + 1));
                }
                yield new BDictionary(entries);
            }
        };
    }
}
