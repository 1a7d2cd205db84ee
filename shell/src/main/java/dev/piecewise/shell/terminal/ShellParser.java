package dev.piecewise.shell.terminal;

import dev.piecewise.shell.command.Tokenizer;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets JLine see a line the way the shell will run it ({@link Tokenizer}): completion works on the statement the
 * cursor is in, with quotes and escapes understood, and completed words are escaped so they read back unchanged.
 */
public final class ShellParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        Tokenizer.Statement statement = Tokenizer.statementAt(line, cursor);
        List<Tokenizer.Word> words = new ArrayList<>(statement.words());
        Tokenizer.Word last = words.isEmpty() ? null : words.getLast();
        if (last == null || last.end() < cursor) {
            words.add(new Tokenizer.Word("", cursor, cursor, (char) 0));
        }
        return new Line(line, cursor, words);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return ch == '\\';
    }

    private record Line(String line, int cursor, List<Tokenizer.Word> tokens) implements CompletingParsedLine {

        @Override
        public String word() {
            return tokens.getLast().text();
        }

        @Override
        public int wordCursor() {
            return word().length();
        }

        @Override
        public int wordIndex() {
            return tokens.size() - 1;
        }

        @Override
        public List<String> words() {
            return tokens.stream().map(Tokenizer.Word::text).toList();
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            String text = candidate.toString();
            char open = tokens.getLast().open();
            if (open == '\'') {
                return "'" + text.replace("'", "'\\''") + (complete ? "'" : "");
            }
            if (open == '"') {
                return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + (complete ? "\"" : "");
            }
            var out = new StringBuilder(text.length());
            for (char c : text.toCharArray()) {
                if (Character.isWhitespace(c) || "'\"\\;".indexOf(c) >= 0 || c == '#' && out.isEmpty()) {
                    out.append('\\');
                }
                out.append(c);
            }
            return out;
        }

        @Override
        public int rawWordCursor() {
            return cursor - tokens.getLast().start();
        }

        @Override
        public int rawWordLength() {
            return rawWordCursor();
        }
    }
}
