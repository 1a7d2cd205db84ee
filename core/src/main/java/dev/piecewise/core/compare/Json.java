package dev.piecewise.core.compare;

/**
 * Writes JSON text by hand (the core has no JSON library): objects and arrays opened and closed in order, commas put
 * where they belong, strings escaped, non-finite numbers written as {@code null}.
 */
final class Json {

    private final StringBuilder out = new StringBuilder();
    /** Whether the container being written has no member yet, per nesting level. */
    private final java.util.ArrayDeque<boolean[]> levels = new java.util.ArrayDeque<>();
    private boolean afterName;

    Json beginObject() {
        open('{');
        levels.push(new boolean[] {true});
        return this;
    }

    Json endObject() {
        levels.pop();
        out.append('}');
        return this;
    }

    Json beginArray() {
        open('[');
        levels.push(new boolean[] {true});
        return this;
    }

    Json endArray() {
        levels.pop();
        out.append(']');
        return this;
    }

    /** The name of the next member of the current object. */
    Json name(String name) {
        separate();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    Json value(String text) {
        if (text == null) {
            return raw("null");
        }
        separate();
        string(text);
        return this;
    }

    Json value(double number) {
        if (!Double.isFinite(number)) {
            return raw("null");
        }
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return raw(Long.toString((long) number));
        }
        return raw(Double.toString(number));
    }

    Json value(long number) {
        return raw(Long.toString(number));
    }

    Json value(boolean flag) {
        return raw(Boolean.toString(flag));
    }

    private Json raw(String text) {
        separate();
        out.append(text);
        return this;
    }

    private void open(char bracket) {
        separate();
        out.append(bracket);
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] first = levels.peek();
        if (first != null) {
            if (!first[0]) {
                out.append(',');
            }
            first[0] = false;
        }
    }

    private void string(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
