package dev.piecewise.shell.format;

import java.util.ArrayList;
import java.util.List;

/** Labelled values, one per line, with the values aligned: {@code state     downloading}. */
public final class Fields {

    private final List<String[]> fields = new ArrayList<>();

    public Fields add(String label, Object value) {
        fields.add(new String[] {label, Text.printable(String.valueOf(value))});
        return this;
    }

    public List<String> render() {
        int width = fields.stream().mapToInt(f -> f[0].length()).max().orElse(0);
        return fields.stream().map(f -> f[0] + " ".repeat(width - f[0].length() + 2) + f[1]).toList();
    }
}
