package dev.piecewise.core.metainfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the established tools tests compare against. A missing tool skips the test, unless the environment variable
 * {@code PIECEWISE_REQUIRE_INTEROP} is set (as in CI), where it fails it.
 */
public final class ExternalTools {

    /** The system interpreter: python3-libtorrent is importable only there. */
    public static final String PYTHON = "/usr/bin/python3";

    private static final long TIMEOUT_SECONDS = 60;

    /** Prints libtorrent's v1 info-hash of the torrent file given as argument. */
    private static final String LIBTORRENT_HASH = """
            import sys, libtorrent as lt
            print(lt.torrent_info(sys.argv[1]).info_hashes().v1)
            """;

    /** Makes a torrent of argv[1] with 16 KiB pieces: "v1", "v1-pad" (BEP 47 pad files), "hybrid" or "v2". */
    private static final String LIBTORRENT_CREATE = """
            import sys, os, libtorrent as lt
            flags = {"v1": lt.create_torrent.v1_only,
                     "v1-pad": lt.create_torrent.v1_only | lt.create_torrent.canonical_files,
                     "hybrid": 0, "v2": lt.create_torrent.v2_only}[sys.argv[2]]
            fs = lt.file_storage()
            lt.add_files(fs, sys.argv[1])
            t = lt.create_torrent(fs, 16384, flags=flags)
            t.add_tracker("http://127.0.0.1:6969/announce")
            lt.set_piece_hashes(t, os.path.dirname(sys.argv[1]))
            open(sys.argv[3], "wb").write(lt.bencode(t.generate()))
            """;

    /** Checks argv[2]'s data against torrent argv[1] with a libtorrent session; prints "complete" or the progress. */
    private static final String LIBTORRENT_CHECK = """
            import sys, time, libtorrent as lt
            s = lt.session({"listen_interfaces": "127.0.0.1:0", "enable_dht": False, "enable_lsd": False,
                            "enable_upnp": False, "enable_natpmp": False})
            atp = lt.add_torrent_params()
            atp.ti = lt.torrent_info(sys.argv[1])
            atp.save_path = sys.argv[2]
            h = s.add_torrent(atp)
            checking = (lt.torrent_status.checking_files, lt.torrent_status.checking_resume_data)
            deadline = time.time() + 30
            st = h.status()
            while time.time() < deadline and st.state in checking:
                time.sleep(0.05)
                st = h.status()
            print("complete" if st.is_seeding else "%s with %d of %d pieces" % (st.state, st.num_pieces,
                  atp.ti.num_pieces()))
            """;

    private ExternalTools() {
    }

    /** Skips (or, in CI, fails) the test unless {@code program} is on the PATH or is an existing absolute path. */
    public static void require(String program) {
        boolean found = program.startsWith("/") ? Files.isExecutable(Path.of(program))
                : Path.of(program).getNameCount() == 1 && onPath(program);
        available(found, program + " is not installed");
    }

    /** Skips (or, in CI, fails) the test unless the system Python can import libtorrent. */
    public static void requireLibtorrent() {
        require(PYTHON);
        boolean importable;
        try {
            importable = exitCode(List.of(PYTHON, "-c", "import libtorrent")) == 0;
        } catch (IOException e) {
            importable = false;
        }
        available(importable, "python3-libtorrent is not installed");
    }

    /** Runs a command to completion (bounded by a timeout) and returns its standard output; fails on a non-zero exit. */
    public static String run(List<String> command, Path directory) throws IOException {
        Path output = Files.createTempFile("piecewise-tool", ".out");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            int exit = await(process, command);
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, exit, () -> String.join(" ", command) + " failed:\n" + text);
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Runs a Python script with the system interpreter (libtorrent available) and returns its output. */
    public static String python(String script, Path directory, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(arguments));
        return run(command, directory);
    }

    /** libtorrent's v1 info-hash of a torrent file, in hex. */
    public static String libtorrentHash(Path torrent) throws IOException {
        return python(LIBTORRENT_HASH, torrent.toAbsolutePath().getParent(), torrent.toString()).strip();
    }

    /**
     * Makes a torrent of {@code data} with libtorrent, 16 KiB pieces.
     *
     * @param kind "v1", "v1-pad" (BEP 47 pad files), "hybrid" or "v2"
     */
    public static Path libtorrentCreate(Path data, String kind, Path torrent) throws IOException {
        python(LIBTORRENT_CREATE, data.toAbsolutePath().getParent(), data.toString(), kind, torrent.toString());
        return torrent;
    }

    /** Lets libtorrent check the data in {@code saveDirectory}: "complete", or what it found. */
    public static String libtorrentCheck(Path torrent, Path saveDirectory) throws IOException {
        return python(LIBTORRENT_CHECK, saveDirectory, torrent.toString(), saveDirectory.toString()).strip();
    }

    private static int exitCode(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return await(process, command);
    }

    private static int await(Process process, List<String> command) throws IOException {
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.getFirst(), e);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    private static void available(boolean found, String message) {
        if (!found && System.getenv("PIECEWISE_REQUIRE_INTEROP") != null) {
            fail(message + " (PIECEWISE_REQUIRE_INTEROP is set, so interop tools are required)");
        }
        assumeTrue(found, message);
    }
}
