package dev.piecewise.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** A strict recursive-descent check that a text is one JSON value (RFC 8259), for tests of what the core writes. */
final class JsonShape {

    private final String text;
    private int at;

    private JsonShape(String text) {
        this.text = text;
    }

    static void check(String text) {
        JsonShape shape = new JsonShape(text);
        shape.value();
        assertEquals(text.length(), shape.at, "trailing text after the JSON value");
    }

    private void value() {
        char c = peek();
        switch (c) {
            case '{' -> container('{', '}', true);
            case '[' -> container('[', ']', false);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void container(char open, char close, boolean object) {
        expect(open);
        if (peek() == close) {
            at++;
            return;
        }
        while (true) {
            if (object) {
                string();
                expect(':');
            }
            value();
            char next = peek();
            at++;
            if (next == close) {
                return;
            }
            if (next != ',') {
                fail("expected ',' or '" + close + "' at " + (at - 1) + " in " + text);
            }
        }
    }

    private void string() {
        expect('"');
        while (peek() != '"') {
            char c = text.charAt(at++);
            if (c < 0x20) {
                fail("raw control character in a string at " + at);
            }
            if (c == '\\') {
                char escaped = text.charAt(at++);
                if ("\"\\/bfnrtu".indexOf(escaped) < 0) {
                    fail("bad escape at " + at);
                }
                if (escaped == 'u') {
                    at += 4;
                }
            }
        }
        at++;
    }

    private void number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        String number = text.substring(start, at);
        if (!number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            fail("not a JSON number at " + start + ": '" + number + "'");
        }
    }

    private void literal(String word) {
        if (!text.startsWith(word, at)) {
            fail("expected " + word + " at " + at);
        }
        at += word.length();
    }

    private void expect(char c) {
        if (peek() != c) {
            fail("expected '" + c + "' at " + at + " in " + text);
        }
        at++;
    }

    private char peek() {
        if (at >= text.length()) {
            fail("unexpected end of JSON");
        }
        return text.charAt(at);
    }
}
