package dev.piecewise.shell;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchOptionsTest {

    private static final Path USER_HOME = Path.of("/home/someone");
    private static final Optional<Path> INSTALL = Optional.of(Path.of("/opt/piecewise"));

    private static LaunchOptions parse(Map<String, String> env, String... args) throws UsageException {
        return LaunchOptions.parse(List.of(args), env, INSTALL, USER_HOME);
    }

    private static LaunchOptions parse(String... args) throws UsageException {
        return parse(Map.of(), args);
    }

    @Test
    void defaultsSuitAnOrdinaryInstallation() throws Exception {
        LaunchOptions o = parse();
        assertEquals(Optional.empty(), o.commands());
        assertEquals(USER_HOME.resolve(".local/share/piecewise"), o.dataDir());
        assertEquals(Path.of("/opt/piecewise/plugins"), o.pluginsDir());
        assertEquals(InetAddress.getByName("0.0.0.0"), o.bind());
        assertEquals(6881, o.port());
        assertFalse(o.help());
        assertFalse(o.version());
    }

    @Test
    void theDataDirectoryFollowsXdgDataHomeWhenItIsAbsolute() throws Exception {
        assertEquals(Path.of("/xdg/piecewise"), parse(Map.of("XDG_DATA_HOME", "/xdg")).dataDir());
        assertEquals(USER_HOME.resolve(".local/share/piecewise"),
                parse(Map.of("XDG_DATA_HOME", "relative/dir")).dataDir());
    }

    @Test
    void withoutAnInstallationThePluginsLiveInTheDataDirectory() throws Exception {
        LaunchOptions o = LaunchOptions.parse(List.of("--data", "/d"), Map.of(), Optional.empty(), USER_HOME);
        assertEquals(Path.of("/d/plugins"), o.pluginsDir());
    }

    @Test
    void readsEveryOptionInBothSpellings() throws Exception {
        LaunchOptions o = parse("-c", "list; help", "--data=/d", "--plugins", "/p", "--port", "0", "--bind=127.0.0.1");
        assertEquals(Optional.of("list; help"), o.commands());
        assertEquals(Path.of("/d"), o.dataDir());
        assertEquals(Path.of("/p"), o.pluginsDir());
        assertEquals(0, o.port());
        assertEquals(InetAddress.getByName("127.0.0.1"), o.bind());
        assertTrue(parse("--help").help());
        assertTrue(parse("-h").help());
        assertTrue(parse("--version").version());
        assertTrue(parse("-V").version());
        assertEquals(Optional.of("x"), parse("--command", "x").commands());
    }

    @Test
    void relativePathsAreMadeAbsolute() throws Exception {
        assertTrue(parse("--data", "state").dataDir().isAbsolute());
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        assertMessage("unknown option --bogus", "--bogus");
        assertMessage("unknown option --bogus", "--bogus=1");
        assertMessage("--port needs a value", "--port");
        assertMessage("--port must be a number from 0 to 65535: 70000", "--port", "70000");
        assertMessage("--port must be a number from 0 to 65535: x", "--port", "x");
        assertMessage("--help takes no value", "--help=yes");
        assertMessage("--data is given twice", "--data", "a", "--data", "b");
        assertMessage("--bind: not a local address: no.such.host.invalid", "--bind", "no.such.host.invalid");
        assertMessage("unexpected argument 'list' (to run commands, use -c \"...\")", "list");
    }

    private static void assertMessage(String expected, String... args) {
        assertEquals(expected, assertThrows(UsageException.class, () -> parse(args)).getMessage());
    }
}
