package dev.piecewise.shell.command;

import java.nio.file.Path;

/** Paths as users type them in the shell, where no outer shell has expanded {@code ~}. */
public final class UserPaths {

    private UserPaths() {
    }

    /**
     * The absolute path {@code typed} means.
     *
     * @throws java.nio.file.InvalidPathException when it cannot be a path
     */
    public static Path resolve(Path workingDirectory, String typed) {
        String home = System.getProperty("user.home");
        if (typed.equals("~")) {
            return Path.of(home);
        }
        if (typed.startsWith("~/")) {
            return Path.of(home, typed.substring(2));
        }
        return workingDirectory.resolve(typed).normalize();
    }
}
