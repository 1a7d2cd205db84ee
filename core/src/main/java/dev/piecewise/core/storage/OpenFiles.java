package dev.piecewise.core.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open files of one torrent, at most about {@code capacity} of them, least recently used closed first. Files are
 * counted while in use and closed only once nobody uses them, so a channel never closes under a reader or writer.
 */
final class OpenFiles {

    private static final Logger LOG = LoggerFactory.getLogger(OpenFiles.class);

    /** A channel and whether it was opened for writing. */
    record Opened(FileChannel channel, boolean writable) {
    }

    /** Opens file {@code index}, for writing (creating it) or not. */
    @FunctionalInterface
    interface Opener {
        Opened open(int index, boolean write) throws IOException;
    }

    /** One open file, to give back with {@link #release}. */
    static final class Handle {
        private final Opened opened;
        private int users;
        private boolean retired;

        private Handle(Opened opened) {
            this.opened = opened;
        }

        FileChannel channel() {
            return opened.channel();
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Integer, Handle> open = new LinkedHashMap<>(16, 0.75f, true);
    private final int capacity;
    private final Opener opener;
    private boolean closed;

    OpenFiles(int capacity, Opener opener) {
        this.capacity = capacity;
        this.opener = opener;
    }

    /**
     * File {@code index}, opened if needed: for writing (created if missing) when {@code write}, else as it is.
     *
     * @throws java.nio.file.NoSuchFileException when not writing and the file does not exist
     */
    Handle acquire(int index, boolean write) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new StorageException(StorageException.Kind.IO, "the torrent's storage is closed");
            }
            Handle handle = open.get(index);
            // a channel closes when a thread using it is interrupted; a read-only one cannot serve a write
            if (handle != null && (!handle.channel().isOpen() || write && !handle.opened.writable())) {
                open.remove(index);
                retire(handle);
                handle = null;
            }
            if (handle == null) {
                handle = new Handle(opener.open(index, write));
                open.put(index, handle);
            }
            handle.users++;
            closeIdleBeyondCapacity();
            return handle;
        } finally {
            lock.unlock();
        }
    }

    void release(Handle handle) {
        lock.lock();
        try {
            handle.users--;
            if (handle.retired && handle.users == 0) {
                close(handle);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Closes every file; files in use close when released. Later acquires fail. */
    void closeAll() {
        lock.lock();
        try {
            closed = true;
            List<Handle> all = new ArrayList<>(open.values());
            open.clear();
            all.forEach(this::retire);
        } finally {
            lock.unlock();
        }
    }

    /** How many files are open now. */
    int size() {
        lock.lock();
        try {
            return open.size();
        } finally {
            lock.unlock();
        }
    }

    private void closeIdleBeyondCapacity() {
        Iterator<Handle> eldestFirst = open.values().iterator();
        while (open.size() > capacity && eldestFirst.hasNext()) {
            Handle handle = eldestFirst.next();
            if (handle.users == 0) {
                eldestFirst.remove();
                close(handle);
            }
        }
    }

    private void retire(Handle handle) {
        handle.retired = true;
        if (handle.users == 0) {
            close(handle);
        }
    }

    private static void close(Handle handle) {
        try {
            handle.channel().close();
        } catch (IOException e) {
            // nothing was written through close (writes go straight to the channel); the data stays as it is
            LOG.warn("could not close a torrent file: {}", e.toString());
        }
    }
}
