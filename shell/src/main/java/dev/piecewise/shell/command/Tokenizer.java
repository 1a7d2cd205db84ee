package dev.piecewise.shell.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits what a user typed into statements and words, the way a POSIX shell does for the parts that matter here:
 * whitespace separates words; {@code ;} and line breaks separate statements; {@code '...'} is literal; in
 * {@code "..."} a backslash escapes {@code "} and {@code \}; elsewhere a backslash escapes the next character; a word
 * starting with {@code #} starts a comment that runs to the end of the line. The same rules serve execution and
 * completion, so what completes is what runs.
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    /**
     * A word as typed.
     *
     * @param text  the word with quotes and escapes removed
     * @param start where it starts in the input
     * @param end   where it ends in the input (exclusive); for an unclosed quote, the end of the input
     * @param open  the quote still open at the end of the input ({@code '} or {@code "}), or 0
     */
    public record Word(String text, int start, int end, char open) {
    }

    /** The words of one statement; {@code start} and {@code end} are its bounds in the input. */
    public record Statement(List<Word> words, int start, int end) {

        public List<String> texts() {
            return words.stream().map(Word::text).toList();
        }
    }

    /** The statements of the input, in order, empty ones left out. */
    public static List<Statement> statements(String input) {
        return scan(input, true);
    }

    /**
     * The statement the cursor is in, with every word up to the end of the input; completion uses it. A cursor
     * right after whitespace or a separator means an empty word is being started.
     */
    public static Statement statementAt(String input, int cursor) {
        String before = input.substring(0, cursor);
        List<Statement> all = scan(before, false);
        return all.isEmpty() ? new Statement(List.of(), 0, 0) : all.getLast();
    }

    private static List<Statement> scan(String input, boolean dropEmpty) {
        var statements = new ArrayList<Statement>();
        var words = new ArrayList<Word>();
        int statementStart = 0;
        int i = 0;
        int n = input.length();
        while (i < n) {
            char c = input.charAt(i);
            if (c == ';' || c == '\n' || c == '\r') {
                add(statements, words, statementStart, i, dropEmpty);
                words = new ArrayList<>();
                statementStart = i + 1;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < n && input.charAt(i) != '\n' && input.charAt(i) != '\r') {
                    i++;
                }
            } else {
                i = word(input, i, words);
            }
        }
        add(statements, words, statementStart, n, dropEmpty);
        return statements;
    }

    private static void add(List<Statement> statements, List<Word> words, int start, int end, boolean dropEmpty) {
        if (!words.isEmpty() || !dropEmpty) {
            statements.add(new Statement(List.copyOf(words), start, end));
        }
    }

    /** Reads one word starting at {@code start}; returns the index after it. */
    private static int word(String input, int start, List<Word> words) {
        var text = new StringBuilder();
        char quote = 0;
        int i = start;
        int n = input.length();
        while (i < n) {
            char c = input.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    text.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < n && (input.charAt(i + 1) == '"' || input.charAt(i + 1) == '\\')) {
                    text.append(input.charAt(++i));
                } else {
                    text.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\' && i + 1 < n && input.charAt(i + 1) != '\n') {
                text.append(input.charAt(++i));
            } else if (Character.isWhitespace(c) || c == ';') {
                break;
            } else {
                text.append(c);
            }
            i++;
        }
        words.add(new Word(text.toString(), start, i, quote));
        return i;
    }

    /**
     * Writes a word so that this tokenizer reads it back unchanged: as is when it is plain, otherwise in single
     * quotes (a single quote inside becomes {@code '\''}).
     */
    public static String quote(String word) {
        if (!word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || "'\"\\;#".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
