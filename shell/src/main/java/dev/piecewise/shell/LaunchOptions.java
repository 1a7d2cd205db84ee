package dev.piecewise.shell;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@code piecewise}.
 *
 * @param commands    what {@code -c} asked to run, if given
 * @param dataDir     where state, the history and the log live
 * @param pluginsDir  the folder of plugin jars
 * @param bind        the local address to listen on and connect from
 * @param port        the peer listen port; 0 for any free port
 * @param help        {@code --help} was given
 * @param version     {@code --version} was given
 */
record LaunchOptions(Optional<String> commands, Path dataDir, Path pluginsDir, InetAddress bind, int port,
                     boolean help, boolean version) {

    /** The classic BitTorrent port: stable across runs, so a router can forward it. */
    static final int DEFAULT_PORT = 6881;

    static final String USAGE = """
            usage: piecewise [options] [-c "command; command..."]

            Starts the Piecewise shell. With -c, or when standard input is not a terminal, runs the commands
            and exits: it stops at the first command that fails and exits with status 1.

            options:
              -c, --command CMDS  run CMDS (separated by ';') and exit
              --data DIR          state, history and log (default: $XDG_DATA_HOME/piecewise or
                                  ~/.local/share/piecewise)
              --plugins DIR       plugin jars (default: the plugins folder of the installation)
              --port N            peer listen port, 0 for any free port (default: 6881)
              --bind ADDR         local address for peer connections (default: 0.0.0.0, every interface)
              -h, --help          show this help and exit
              -V, --version       show the version and exit

            exit status: 0 success, 1 a command failed, 2 bad options, 130 interrupted""";

    /**
     * Reads the command line.
     *
     * @param env  the environment ({@code XDG_DATA_HOME})
     * @param home the installation directory ({@code -Dpiecewise.home}), if known
     * @param userHome the user's home directory
     * @throws UsageException for an unknown option or a bad value
     */
    static LaunchOptions parse(List<String> args, Map<String, String> env, Optional<Path> home, Path userHome)
            throws UsageException {
        String commands = null;
        String data = null;
        String plugins = null;
        String bind = null;
        String port = null;
        boolean help = false;
        boolean version = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String inline = eq < 0 ? null : arg.substring(eq + 1);
            boolean takesValue = switch (name) {
                case "-c", "--command", "--data", "--plugins", "--bind", "--port" -> true;
                case "-h", "--help", "-V", "--version" -> false;
                default -> throw new UsageException(arg.startsWith("-") ? "unknown option " + name
                        : "unexpected argument '" + arg + "' (to run commands, use -c \"...\")");
            };
            String value = inline;
            if (takesValue && value == null) {
                if (++i >= args.size()) {
                    throw new UsageException(name + " needs a value");
                }
                value = args.get(i);
            } else if (!takesValue && inline != null) {
                throw new UsageException(name + " takes no value");
            }
            switch (name) {
                case "-h", "--help" -> help = true;
                case "-V", "--version" -> version = true;
                case "-c", "--command" -> commands = once(name, commands, value);
                case "--data" -> data = once(name, data, value);
                case "--plugins" -> plugins = once(name, plugins, value);
                case "--bind" -> bind = once(name, bind, value);
                default -> port = once(name, port, value);
            }
        }
        Path dataDir = data != null ? path("--data", data) : defaultDataDir(env, userHome);
        Path pluginsDir = plugins != null ? path("--plugins", plugins)
                : home.map(h -> h.resolve("plugins")).orElse(dataDir.resolve("plugins"));
        return new LaunchOptions(Optional.ofNullable(commands), dataDir, pluginsDir,
                bind == null ? anyAddress() : address(bind), port == null ? DEFAULT_PORT : port(port), help, version);
    }

    /** {@code $XDG_DATA_HOME/piecewise} when that is set to an absolute path (as the spec asks), else ~/.local/share. */
    private static Path defaultDataDir(Map<String, String> env, Path userHome) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "piecewise");
        }
        return userHome.resolve(".local/share/piecewise");
    }

    private static String once(String name, String previous, String value) throws UsageException {
        if (previous != null) {
            throw new UsageException(name + " is given twice");
        }
        return value;
    }

    private static Path path(String name, String text) throws UsageException {
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new UsageException(name + ": not a path: " + text);
        }
    }

    private static int port(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        throw new UsageException("--port must be a number from 0 to 65535: " + text);
    }

    private static InetAddress address(String text) throws UsageException {
        try {
            return InetAddress.getByName(text.strip());
        } catch (UnknownHostException e) {
            throw new UsageException("--bind: not a local address: " + text);
        }
    }

    private static InetAddress anyAddress() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are a valid IPv4 address", e);
        }
    }
}
