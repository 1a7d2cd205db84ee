package dev.piecewise.core.engine;

import dev.piecewise.core.metainfo.Metainfo;

import java.io.IOException;
import java.nio.file.Path;

/** Opens a torrent's storage: the one place that knows which storage implementation the engine runs on. */
@FunctionalInterface
interface StoreFactory {

    /**
     * @param directory  the download directory (the torrent's files or root folder go inside it)
     * @param resumeFile where the resume state is kept
     */
    PieceStore open(Metainfo metainfo, Path directory, Path resumeFile) throws IOException;
}
