package dev.piecewise.shell;

import dev.piecewise.api.Piecewise;

/** Starts the shell. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("Piecewise " + Piecewise.version());
    }
}
