package dev.piecewise.core.engine;

import dev.piecewise.api.PeerSnapshot;
import dev.piecewise.core.metadata.MetadataMessage;
import dev.piecewise.core.peer.PeerConnection;
import dev.piecewise.core.wire.ExtensionHandshake;
import dev.piecewise.core.wire.Message;
import dev.piecewise.core.wire.MessageHandler;
import dev.piecewise.core.wire.ProtocolException;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A peer of a magnet torrent that fetches its metadata: only the extension protocol matters (the extension handshake
 * and {@code ut_metadata}); what the peer says of its pieces cannot be checked yet and is ignored, and we have nothing
 * it could request. Messages arrive on the connection's reader thread and are handled under the fetch's lock. Fields
 * are guarded by that lock unless noted.
 */
final class FetchPeer implements MessageHandler, PeerConnection.Events {

    private final MetadataFetch fetch;
    final PeerConnection connection;
    final String source;
    /** From the peer id, or from the extension handshake's {@code v} when the id's style is unknown. */
    String client;
    /** Where the peer accepts connections, once known: the address we dialled, or the port it told us. */
    InetSocketAddress listenAddress;
    /** Its extension handshake, once received. */
    ExtensionHandshake extensions;

    FetchPeer(MetadataFetch fetch, PeerConnection connection, String source) {
        this.fetch = fetch;
        this.connection = connection;
        this.source = source;
        this.client = connection.established().remote().peerId().clientName();
        this.listenAddress = connection.established().incoming() ? null : connection.established().address();
    }

    InetSocketAddress address() {
        return connection.established().address();
    }

    /** Who the peer is for bans: its listen address when known, else where it connected from. */
    InetSocketAddress identity() {
        return listenAddress != null ? listenAddress : address();
    }

    /** The id the peer gave {@code ut_metadata}, 0 when it does not speak it (or has not said yet). */
    int metadataId() {
        return extensions == null ? 0 : extensions.extensions().getOrDefault(MetadataMessage.EXTENSION, 0);
    }

    void send(MetadataMessage message) {
        connection.send(new Message.Extended(metadataId(), message.encode()));
    }

    PeerSnapshot snapshot() {
        var flags = new StringBuilder();
        if (connection.established().incoming()) {
            flags.append('I');
        }
        if (connection.established().fast()) {
            flags.append('F');
        }
        if (connection.established().extensionProtocol()) {
            flags.append('E');
        }
        return new PeerSnapshot(address(), client, source, connection.established().incoming(), 0, 0, 0, 0, 0,
                flags.toString());
    }

    // ---- messages, on the reader thread ------------------------------------------------------------------------

    @Override
    public void extended(int extension, ByteBuffer payload) {
        try {
            if (extension == ExtensionHandshake.ID) {
                ExtensionHandshake handshake = ExtensionHandshake.decode(payload);
                fetch.locked(() -> {
                    client = Peer.clientName(client, handshake);
                    fetch.extensionHandshake(this, handshake);
                });
            } else if (extension == Extensions.UT_METADATA) {
                MetadataMessage.decode(payload).ifPresent(message -> fetch.locked(() -> fetch.metadata(this, message)));
            }
            // any other extension we did not offer: ignored politely
        } catch (ProtocolException e) {
            connection.close("protocol violation: " + e.getMessage());
        }
    }

    @Override
    public void piece(int piece, int begin, ByteBuffer block) {
        connection.close("protocol violation: a block we never asked for");
    }

    @Override
    public void request(int piece, int begin, int length) {
        if (connection.established().fast()) {
            connection.send(Message.BlockRef.reject(piece, begin, length));
        }
    }

    @Override
    public void closed(String reason) {
        fetch.disconnected(this, reason);
    }

    @Override
    public void blockSent(Message.Piece block) {
        throw new IllegalStateException("no block is ever sent before the metadata is known");
    }

    // what the peer says of its pieces, its interest and its choking means nothing until the metadata is known

    @Override
    public void keepAlive() {
    }

    @Override
    public void choke() {
    }

    @Override
    public void unchoke() {
    }

    @Override
    public void interested() {
    }

    @Override
    public void notInterested() {
    }

    @Override
    public void have(int piece) {
    }

    @Override
    public void bitfield(byte[] bits) {
    }

    @Override
    public void cancel(int piece, int begin, int length) {
    }

    @Override
    public void port(int port) {
    }

    @Override
    public void haveAll() {
    }

    @Override
    public void haveNone() {
    }

    @Override
    public void suggest(int piece) {
    }

    @Override
    public void reject(int piece, int begin, int length) {
    }

    @Override
    public void allowedFast(int piece) {
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
