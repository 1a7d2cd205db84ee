package dev.piecewise.core.engine;

import dev.piecewise.api.InfoHash;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the session remembers of a torrent across restarts, in its own folder of the data directory
 * ({@code torrents/<info-hash>/}): the .torrent file as added (for a magnet link, the link in {@code magnet.txt}
 * until the metadata is known, then the .torrent made of it), and {@code torrent.properties} with the download
 * directory, the strategy and choking policy with their options, and whether it is paused. Storage keeps its resume
 * state in the same folder. Files are replaced atomically, so a crash leaves the old or the new version.
 *
 * @param added when it was added (milliseconds since the epoch), to restore torrents in the order they were added
 */
record SavedTorrent(Path folder, Path directory, Optional<String> strategy, Map<String, String> strategyOptions,
                    Optional<String> choking, Map<String, String> chokingOptions, boolean paused, long added) {

    static final String METAINFO = "metainfo.torrent";
    static final String RESUME = "resume";
    static final String MAGNET = "magnet.txt";
    private static final String PROPERTIES = "torrent.properties";

    SavedTorrent {
        strategyOptions = Map.copyOf(strategyOptions);
        chokingOptions = Map.copyOf(chokingOptions);
    }

    static Path folder(Path torrentsRoot, InfoHash infoHash) {
        return torrentsRoot.resolve(infoHash.hex());
    }

    Path metainfo() {
        return folder.resolve(METAINFO);
    }

    Path magnet() {
        return folder.resolve(MAGNET);
    }

    /** Whether the .torrent is known: added from a file, or a magnet link whose metadata arrived. */
    boolean hasMetainfo() {
        return Files.isRegularFile(metainfo());
    }

    Path resume() {
        return folder.resolve(RESUME);
    }

    SavedTorrent withPaused(boolean value) {
        return new SavedTorrent(folder, directory, strategy, strategyOptions, choking, chokingOptions, value, added);
    }

    SavedTorrent withStrategy(String spec, Map<String, String> options) {
        return new SavedTorrent(folder, directory, Optional.of(spec), options, choking, chokingOptions, paused, added);
    }

    SavedTorrent withChoking(String id, Map<String, String> options) {
        return new SavedTorrent(folder, directory, strategy, strategyOptions, Optional.of(id), options, paused, added);
    }

    /** Creates the folder with the .torrent file's bytes and the properties. */
    void create(byte[] torrentFile) throws IOException {
        Files.createDirectories(folder);
        writeAtomically(metainfo(), torrentFile);
        save();
    }

    /** Creates the folder with a magnet link, whose metadata is not known yet, and the properties. */
    void createMagnet(String uri) throws IOException {
        Files.createDirectories(folder);
        writeAtomically(magnet(), uri.getBytes(StandardCharsets.UTF_8));
        save();
    }

    /** A magnet torrent's metadata arrived: the .torrent made of it replaces the link. */
    void saveMetainfo(byte[] torrentFile) throws IOException {
        writeAtomically(metainfo(), torrentFile);
        Files.deleteIfExists(magnet());
    }

    /** Writes the properties. */
    void save() throws IOException {
        var properties = new Properties();
        properties.setProperty("directory", directory.toString());
        strategy.ifPresent(s -> properties.setProperty("strategy", s));
        strategyOptions.forEach((k, v) -> properties.setProperty("strategy.option." + k, v));
        choking.ifPresent(c -> properties.setProperty("choking", c));
        chokingOptions.forEach((k, v) -> properties.setProperty("choking.option." + k, v));
        properties.setProperty("paused", Boolean.toString(paused));
        properties.setProperty("added", Long.toString(added));
        var text = new StringWriter();
        properties.store(text, "Piecewise torrent");
        writeAtomically(folder.resolve(PROPERTIES), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads what was saved in {@code folder}.
     *
     * @throws IOException when the folder does not hold a complete saved torrent
     */
    static SavedTorrent load(Path folder) throws IOException {
        var properties = new Properties();
        properties.load(new StringReader(Files.readString(folder.resolve(PROPERTIES), StandardCharsets.UTF_8)));
        String directory = properties.getProperty("directory");
        if (directory == null || !Files.isRegularFile(folder.resolve(METAINFO))
                && !Files.isRegularFile(folder.resolve(MAGNET))) {
            throw new IOException("incomplete saved torrent in " + folder);
        }
        try {
            return new SavedTorrent(folder, Path.of(directory),
                    Optional.ofNullable(properties.getProperty("strategy")), options(properties, "strategy.option."),
                    Optional.ofNullable(properties.getProperty("choking")), options(properties, "choking.option."),
                    Boolean.parseBoolean(properties.getProperty("paused")),
                    Long.parseLong(properties.getProperty("added", "0")));
        } catch (RuntimeException e) {
            throw new IOException("unreadable saved torrent in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> options(Properties properties, String prefix) {
        var options = new TreeMap<String, String>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                options.put(key.substring(prefix.length()), properties.getProperty(key));
            }
        }
        return options;
    }

    /** Forgets the torrent: deletes its folder. */
    void delete() throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(folder);
    }

    /** Writes a file so that a crash leaves the old version or the new one, never part of it. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (var channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes));
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
