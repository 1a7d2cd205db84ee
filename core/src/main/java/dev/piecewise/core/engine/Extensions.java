package dev.piecewise.core.engine;

import dev.piecewise.api.Piecewise;
import dev.piecewise.core.metadata.MetadataMessage;
import dev.piecewise.core.metadata.MetadataServer;
import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.pex.PexMessage;
import dev.piecewise.core.wire.ExtensionHandshake;
import dev.piecewise.core.wire.Message;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a torrent offers on top of the extension protocol (BEP 10), and the message ids we give the extensions in our
 * extension handshake: {@code ut_metadata} (BEP 9), its info dictionary to the peers that ask, and {@code ut_pex}
 * (BEP 11), never for a private torrent (BEP 27).
 *
 * @param metadata serves our info dictionary
 * @param pex      whether peers are exchanged
 */
record Extensions(MetadataServer metadata, boolean pex) {

    /** Our id for {@code ut_metadata}: what peers put in the extended messages of that extension they send us. */
    static final int UT_METADATA = 1;
    /** Our id for {@code ut_pex}. */
    static final int UT_PEX = 2;

    /** A torrent's: it serves its metadata, and exchanges peers unless it is private. */
    static Extensions of(Metainfo metainfo) {
        return new Extensions(new MetadataServer(metainfo.infoBytes()), !metainfo.isPrivate());
    }

    /** Our extension handshake to {@code peer}, with {@code metadata_size}. */
    Message.Extended handshake(EngineContext context, InetSocketAddress peer) {
        return handshake(context, peer, OptionalLong.of(metadata.size()), pex);
    }

    /**
     * Our extension handshake while a magnet torrent fetches its metadata: it asks for metadata, has none to serve,
     * and exchanges no peers, since it cannot know yet whether the torrent is private.
     */
    static Message.Extended fetchingHandshake(EngineContext context, InetSocketAddress peer) {
        return handshake(context, peer, OptionalLong.empty(), false);
    }

    /** {@code m}, {@code v}, {@code p}, {@code reqq}, {@code yourip}, and {@code metadata_size} when we have some. */
    private static Message.Extended handshake(EngineContext context, InetSocketAddress peer, OptionalLong size,
                                              boolean pex) {
        var ids = new LinkedHashMap<String, Integer>();
        ids.put(MetadataMessage.EXTENSION, UT_METADATA);
        if (pex) {
            ids.put(PexMessage.EXTENSION, UT_PEX);
        }
        var handshake = new ExtensionHandshake(ids, Optional.of("Piecewise " + Piecewise.version()),
                OptionalInt.of(context.listenPort()), OptionalInt.of(context.settings().maxQueuedUploads()),
                Optional.of(peer.getAddress()), size);
        return new Message.Extended(ExtensionHandshake.ID, handshake.encode());
    }
}
