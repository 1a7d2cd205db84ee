package dev.piecewise.core.metainfo;

import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BList;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.BValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.piecewise.core.metainfo.Torrents.file;
import static dev.piecewise.core.metainfo.Torrents.multiFileInfo;
import static dev.piecewise.core.metainfo.Torrents.singleFileInfo;
import static dev.piecewise.core.metainfo.Torrents.torrent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hostile-path corpus: each torrent is refused with a clear message or its paths are made safe. */
class SafePathsTest {

    private static List<List<String>> paths(BDictionary... files) throws MetainfoException {
        return MetainfoParser.parse(torrent(multiFileInfo("root", files)), "t").files().stream()
                .map(TorrentFile::path).toList();
    }

    private static String refusal(BDictionary... files) {
        return assertThrows(MetainfoException.class,
                () -> MetainfoParser.parse(torrent(multiFileInfo("root", files)), "t")).getMessage();
    }

    @Test
    void refusesDotDotAnywhere() {
        assertEquals("t: file #1 (\"../../etc/passwd\") has a \"..\" path element",
                refusal(file(1, "..", "..", "etc", "passwd")));
        assertEquals("t: file #2 (\"a/../../b\") has a \"..\" path element",
                refusal(file(1, "ok"), file(1, "a", "..", "..", "b")));
        assertEquals("t: file #1 (\"a/.\") has a \".\" path element", refusal(file(1, "a", ".")));
    }

    @Test
    void refusesATorrentNamedDotDot() {
        for (String name : List.of("..", ".")) {
            String message = assertThrows(MetainfoException.class,
                    () -> MetainfoParser.parse(torrent(singleFileInfo(name, 1, 16384)), "t")).getMessage();
            assertEquals("t: the torrent's name \"" + name + "\" is not allowed: it has a \"" + name
                    + "\" path element", message);
        }
    }

    @Test
    void makesAbsoluteAndSeparatorBearingPathsRelative() throws MetainfoException {
        assertEquals(List.of(List.of("root", "etc", "passwd"), List.of("root", "_etc_shadow"),
                        List.of("root", "C:_Windows_win.ini"), List.of("root", "AC_DC", "Back in Black.flac")),
                paths(file(1, "", "etc", "passwd"), file(1, "/etc/shadow"), file(1, "C:\\Windows\\win.ini"),
                        file(1, "AC/DC", "Back in Black.flac")));
        assertEquals("_etc_passwd", MetainfoParser.parse(torrent(singleFileInfo("/etc/passwd", 1, 16384)), "t")
                .name());
    }

    @Test
    void dropsEmptyElementsButRefusesEmptyPaths() throws MetainfoException {
        assertEquals(List.of(List.of("root", "a", "b")), paths(file(1, "a", "", "", "b")));
        assertEquals("t: file #1 (\"\") has an empty path", refusal(file(1)));
        assertEquals("t: file #1 (\"/\") has an empty path", refusal(file(1, "", "")));
    }

    @Test
    void replacesNulAndControlCharacters() throws MetainfoException {
        assertEquals(List.of(List.of("root", "evil_.txt_x", "bell_")),
                paths(file(1, "evil\u0000.txt\nx", "bell\u0007")));
    }

    @Test
    void replacesBytesThatAreNotUtf8() throws MetainfoException {
        BDictionary entry = BDictionary.builder().put("length", 1)
                .put("path", new BList(List.of(BString.of(new byte[]{'a', (byte) 0xff, 'b'})))).build();
        assertEquals(List.of(List.of("root", "a\ufffdb")), paths(entry));
    }

    @Test
    void defusesWindowsDeviceNamesAndTrailingDotsAndSpaces() throws MetainfoException {
        assertEquals(List.of(List.of("root", "_CON"), List.of("root", "_nul.txt"), List.of("root", "_com1", "x"),
                        List.of("root", "_LPT9.tar.gz"), List.of("root", "CONSOLE"), List.of("root", "dots__"),
                        List.of("root", "space_"), List.of("root", "___")),
                paths(file(1, "CON"), file(1, "nul.txt"), file(1, "com1", "x"), file(1, "LPT9.tar.gz"),
                        file(1, "CONSOLE"), file(1, "dots.."), file(1, "space "), file(1, "...")));
    }

    @Test
    void shortensLongNamesKeepingTheExtensionAndUniqueness() throws MetainfoException {
        String longName = "x".repeat(10_000) + ".mkv";
        String otherLongName = "x".repeat(9_999) + "y.mkv";
        List<List<String>> paths = paths(file(1, longName), file(1, otherLongName), file(1, "\u00e9".repeat(300)));
        for (List<String> path : paths) {
            assertTrue(path.getLast().getBytes(StandardCharsets.UTF_8).length <= 255, path.getLast());
        }
        assertTrue(paths.get(0).getLast().endsWith(".mkv") && paths.get(0).getLast().startsWith("xxxx"));
        assertTrue(paths.get(0).getLast().matches("x+~[0-9a-f]{8}\\.mkv"), paths.get(0).getLast());
        assertTrue(!paths.get(0).equals(paths.get(1)));
        // a two-byte character is never cut in half
        assertTrue(paths.get(2).getLast().matches("\u00e9+~[0-9a-f]{8}"), paths.get(2).getLast());
    }

    @Test
    void makesDuplicatePathsUnique() throws MetainfoException {
        assertEquals(List.of(List.of("root", "a.txt"), List.of("root", "a~2.txt"), List.of("root", "A~3.TXT"),
                        List.of("root", "b"), List.of("root", "b~2"), List.of("root", "x_y"),
                        List.of("root", "x_y~2")),
                paths(file(1, "a.txt"), file(1, "a.txt"), file(1, "A.TXT"), file(1, "b"), file(1, "b"),
                        file(1, "x/y"), file(1, "x_y")));
    }

    @Test
    void manyDuplicatesStayFastAndDistinct() throws MetainfoException {
        BDictionary[] files = new BDictionary[5_000];
        for (int i = 0; i < files.length; i++) {
            files[i] = file(1, "same");
        }
        List<List<String>> paths = paths(files);
        Set<List<String>> distinct = new HashSet<>(paths);
        assertEquals(files.length, distinct.size());
        assertEquals(List.of("root", "same~5000"), paths.getLast());
    }

    @Test
    void refusesAFileThatIsAlsoAFolder() {
        assertEquals("t: file #2 (\"a/b\") lies in the folder \"root/a\", which is also a file of the torrent",
                refusal(file(1, "a"), file(1, "a", "b")));
        assertEquals("t: file #2 (\"a\") is also the folder of another file of the torrent",
                refusal(file(1, "a", "b"), file(1, "a")));
    }

    @Test
    void refusesPathsTooDeepOrTooLong() {
        String[] deep = new String[65];
        java.util.Arrays.fill(deep, "d");
        assertEquals("t: file #1 (\"" + String.join("/", deep) + "\") is nested 65 folders deep, more than 64",
                refusal(file(1, deep)));
        String[] longElements = new String[20];
        java.util.Arrays.fill(longElements, "e".repeat(200));
        String message = refusal(file(1, longElements));
        assertTrue(message.endsWith("\") has a path of 4024 bytes, longer than 3072"), message);
    }

    @Test
    void refusesDeeplyNestedBencodeInAFile() {
        // a path element nested in 10,000 lists: refused by the decoder's depth limit, not a stack overflow
        BValue nested = BString.of("x");
        for (int i = 0; i < 10_000; i++) {
            nested = BList.of(nested);
        }
        BDictionary entry = BDictionary.builder().put("length", 1).put("path", nested).build();
        byte[] torrent = torrent(multiFileInfo("root", file(1, "a")).put("files", BList.of(entry)));
        String message = assertThrows(MetainfoException.class, () -> MetainfoParser.parse(torrent, "t"))
                .getMessage();
        assertTrue(message.startsWith("t: not a valid torrent file: at byte ") && message.endsWith(
                "nested more than 64 deep (the limit)"), message);
    }

    @Test
    void everySanitizedElementIsAPlainName() throws MetainfoException {
        List<BDictionary> hostile = new ArrayList<>();
        for (String element : List.of("/", "\\", "a/..", "..\\..", "\u0000", " ", ".hidden", "~", "-rf", "*",
                "a\u2215b", "con.", "CLOCK$", "$MFT")) {
            hostile.add(file(1, element));
        }
        for (List<String> path : paths(hostile.toArray(BDictionary[]::new))) {
            for (String element : path) {
                assertTrue(!element.isEmpty() && !element.equals(".") && !element.equals("..")
                        && element.indexOf('/') < 0 && element.indexOf('\\') < 0 && element.indexOf('\0') < 0
                        && !element.endsWith(".") && !element.endsWith(" "), element);
            }
        }
    }
}
