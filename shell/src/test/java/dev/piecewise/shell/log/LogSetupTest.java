package dev.piecewise.shell.log;

import dev.piecewise.shell.command.CommandRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogSetupTest {

    private static final Logger log = LoggerFactory.getLogger("dev.piecewise.test");

    @TempDir
    Path temp;

    @AfterEach
    void stopLogging() {
        LogSetup.stop();
    }

    @Test
    void warningsReachTheUserAsOneLineAndEverythingReachesTheFile() throws IOException {
        List<String> shown = new CopyOnWriteArrayList<>();
        Path file = temp.resolve("piecewise.log");
        LogSetup.start(file, shown::add);

        log.info("an ordinary event");
        log.warn("tracker {} failed", "udp://t:1", new ConnectException("connection refused"));
        log.error(CommandRunner.SHOWN, "already told the user");
        log.error("disk \u001b[31mfull");

        assertEquals(List.of("warning: tracker udp://t:1 failed: connection refused", "error: disk ?[31mfull"), shown);
        String written = Files.readString(file);
        assertTrue(written.contains("INFO  [main] dev.piecewise.test - an ordinary event"), written);
        assertTrue(written.contains("java.net.ConnectException: connection refused"), "stack traces go to the file");
        assertTrue(written.contains("already told the user"), written);
    }

    @Test
    void theUserLinesCanBeRedirected() {
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        UserAppender appender = LogSetup.start(temp.resolve("piecewise.log"), first::add);
        log.warn("one");
        appender.redirect(second::add);
        log.warn("two");
        assertEquals(List.of("warning: one"), first);
        assertEquals(List.of("warning: two"), second);
    }

    @Test
    void javaUtilLoggingGoesToTheLogToo() throws IOException {
        List<String> shown = new CopyOnWriteArrayList<>();
        Path file = temp.resolve("piecewise.log");
        LogSetup.start(file, shown::add);
        java.util.logging.Logger.getLogger("org.jline.test").log(java.util.logging.Level.WARNING, "terminal {0} is dumb", "x");
        assertEquals(List.of("warning: terminal x is dumb"), shown);
        assertTrue(Files.readString(file).contains("org.jline.test - terminal x is dumb"));
    }
}
