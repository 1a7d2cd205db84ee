package dev.piecewise.shell.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizerTest {

    private static List<List<String>> texts(String input) {
        return Tokenizer.statements(input).stream().map(Tokenizer.Statement::texts).toList();
    }

    @Test
    void splitsStatementsAtSemicolonsAndLineBreaksAndWordsAtWhitespace() {
        assertEquals(List.of(List.of("add", "a.torrent"), List.of("wait", "--timeout", "5"), List.of("list")),
                texts("add a.torrent ;wait  --timeout 5\nlist"));
    }

    @Test
    void emptyStatementsAreLeftOut() {
        assertEquals(List.of(List.of("list")), texts(" ; ;list;; "));
        assertEquals(List.of(), texts(""));
    }

    @Test
    void quotesAndEscapesKeepSpacesAndSemicolonsInAWord() {
        assertEquals(List.of(List.of("add", "my file;1.torrent", "it's", "a\"b\\c", "x y")),
                texts("add 'my file;1.torrent' it\\'s \"a\\\"b\\\\c\" x\\ y"));
    }

    @Test
    void backslashesInSingleQuotesAreLiteral() {
        assertEquals(List.of(List.of("C:\\dir\\x")), texts("'C:\\dir\\x'"));
    }

    @Test
    void aHashStartingAWordCommentsOutTheRestOfTheLine() {
        assertEquals(List.of(List.of("list"), List.of("help")), texts("list # show them; not a statement\nhelp"));
        assertEquals(List.of(List.of("add", "a#b.torrent")), texts("add a#b.torrent"));
    }

    @Test
    void anUnclosedQuoteIsReportedOnTheLastWord() {
        Tokenizer.Word last = Tokenizer.statements("add 'my file").getFirst().words().getLast();
        assertEquals("my file", last.text());
        assertEquals('\'', last.open());
    }

    @Test
    void theStatementAtTheCursorIsTheOneBeingTyped() {
        String line = "list; add 'a b";
        Tokenizer.Statement s = Tokenizer.statementAt(line, line.length());
        assertEquals(List.of("add", "a b"), s.texts());
        assertEquals(6, s.words().getFirst().start());
        assertTrue(Tokenizer.statementAt("list;", 5).words().isEmpty());
        assertEquals(List.of("lis"), Tokenizer.statementAt("list; add x", 3).texts());
    }

    @Test
    void quotedWordsReadBackUnchanged() {
        for (String word : List.of("plain", "with space", "it's", "semi;colon", "#hash", "back\\slash", "", "\"q\"")) {
            String quoted = Tokenizer.quote(word);
            assertEquals(List.of(List.of("x", word)), texts("x " + quoted), quoted);
        }
        assertEquals("plain", Tokenizer.quote("plain"));
    }

    @Test
    void aMagnetLinkIsOneWordWithoutQuotesAndEndsAtASemicolon() {
        String magnet = "magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a&dn=My+File%20(1)"
                + "&tr=http%3A%2F%2F127.0.0.1%3A6969%2Fannounce&x.pe=[::1]:6881&so=0,2-4";
        assertEquals(List.of(List.of("add", magnet, "--dir", "out"), List.of("wait")),
                texts("add " + magnet + " --dir out; wait"));
        assertEquals(List.of(List.of("add", magnet)), texts("add '" + magnet + "'"));
        assertEquals(List.of(List.of("add", magnet)), texts("add \"" + magnet + "\""));
        assertEquals(magnet, Tokenizer.quote(magnet), "nothing in it needs quoting");
    }
}
