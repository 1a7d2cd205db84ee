package dev.piecewise.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plugin written outside Piecewise, the way modules-info-docs/plugins.md tells its author to build it, dropped
 * into the plugins folder of a running shell and picked there: {@code plugins reload}, then {@code strategy <id>}.
 */
class ShellPluginIT {

    @TempDir
    Path work;

    @Test
    void aJarDroppedIntoThePluginsFolderIsPickedUpByReloadAndSelectable() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path jar = PluginBuild.example(work);
        try (var shell = ShellProcess.start(Launch.command(work.resolve("data"), "--plugins", plugins.toString()))) {
            shell.send("strategy");
            assertTrue(shell.await("no strategy plugins are loaded").contains("no strategy plugins are loaded"));

            Files.copy(jar, plugins.resolve(jar.getFileName()));
            shell.send("plugins reload");
            shell.await("reloaded: 1 plugin: 1 strategy");
            shell.send("strategy reverse finish-partial=false");
            shell.await("default strategy: reverse-order finish-partial=false");
            shell.send("strategy");
            String listed = shell.await("* default: reverse-order finish-partial=false");
            assertTrue(listed.contains("*  reverse-order  base  highest-numbered missing pieces first"), listed);
            shell.send("strategy reverse-order --help");
            shell.await("finish-partial=  true     true|false");

            assertEquals(0, shell.finish(), shell.errors());
        }
    }
}
