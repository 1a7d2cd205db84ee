package dev.piecewise.core.storage;

import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BList;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.BValue;
import dev.piecewise.api.bencode.Bencode;
import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.metainfo.MetainfoParser;
import dev.piecewise.core.metainfo.Sha1;
import dev.piecewise.core.metainfo.TorrentBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** A torrent and its data for storage tests: real files made by a seeded generator, a torrent built over them. */
record TestTorrent(Metainfo metainfo, Path source, byte[] stream) {

    /** A multi-file torrent named {@code name} over files of the given sizes, made in {@code directory}. */
    static TestTorrent multiFile(Path directory, String name, int pieceLength, int... sizes) throws Exception {
        Path root = Files.createDirectories(directory.resolve("source").resolve(name));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < sizes.length; i++) {
            byte[] data = random(sizes[i], i);
            // names sort (byte-wise, as the builder orders them) in creation order; every other file in a folder
            String number = String.format("%02d", i);
            Path file = root.resolve(i % 2 == 0 ? number : number + "-sub/f");
            Files.createDirectories(file.getParent());
            Files.write(file, data);
        }
        Metainfo metainfo = MetainfoParser.parse(TorrentBuilder.of(root).pieceLength(pieceLength).build(), name);
        for (var file : metainfo.files()) {
            stream.writeBytes(Files.readAllBytes(root.getParent().resolve(file.relativePath())));
        }
        return new TestTorrent(metainfo, root.getParent(), stream.toByteArray());
    }

    /**
     * A torrent with BEP 47 pad files: each real file's length is given and followed by a pad to the next piece
     * boundary. The data is made up (nothing on disk); the stream holds zeros for the pads.
     */
    static TestTorrent withPadFiles(String name, int pieceLength, int... sizes) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<BValue> files = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            stream.writeBytes(random(sizes[i], 100 + i));
            files.add(BDictionary.builder().put("length", sizes[i]).put("path", BList.of(BString.of("file" + i)))
                    .build());
            int pad = (pieceLength - sizes[i] % pieceLength) % pieceLength;
            if (pad > 0 && i < sizes.length - 1) {
                stream.writeBytes(new byte[pad]);
                files.add(BDictionary.builder().put("length", pad).put("attr", "p")
                        .put("path", BList.of(BString.of(".pad"), BString.of(Integer.toString(pad)))).build());
            }
        }
        byte[] data = stream.toByteArray();
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        for (int from = 0; from < data.length; from += pieceLength) {
            pieces.writeBytes(Sha1.digest(Arrays.copyOfRange(data, from, Math.min(data.length, from + pieceLength))));
        }
        byte[] torrent = Bencode.encode(BDictionary.builder().put("info", BDictionary.builder()
                .put("name", name).put("piece length", pieceLength).put("pieces", pieces.toByteArray())
                .put("files", new BList(files)).build()).build());
        try {
            return new TestTorrent(MetainfoParser.parse(torrent, name), null, data);
        } catch (dev.piecewise.core.metainfo.MetainfoException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The bytes of a block of the torrent, in a direct buffer as the engine hands them over. */
    ByteBuffer block(int piece, int offset, int length) {
        long start = (long) piece * metainfo.pieceLength() + offset;
        ByteBuffer buffer = ByteBuffer.allocateDirect(length);
        buffer.put(stream, (int) start, length).flip();
        return buffer;
    }

    /** Writes every piece of the torrent to {@code storage} in 16 KiB blocks. */
    void writeAll(Storage storage) throws StorageException {
        for (int piece = 0; piece < metainfo.pieceCount(); piece++) {
            writePiece(storage, piece);
        }
    }

    void writePiece(Storage storage, int piece) throws StorageException {
        int length = metainfo.pieceLength(piece);
        for (int offset = 0; offset < length; offset += 16384) {
            storage.write(piece, offset, block(piece, offset, Math.min(16384, length - offset)));
        }
    }
}
