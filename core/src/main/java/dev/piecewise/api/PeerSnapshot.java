package dev.piecewise.api;

import java.net.InetSocketAddress;

/**
 * One connected peer.
 *
 * @param address      where it is
 * @param client       its client, decoded from the peer id where the style is known ({@code libtorrent 2.0.8})
 * @param source       how we learned of it: tracker, incoming, pex, magnet, manual
 * @param incoming     whether it connected to us
 * @param progress     the share of pieces it has, 0 to 1
 * @param downloadRate bytes per second it sends us now
 * @param uploadRate   bytes per second we send it now
 * @param downloaded   block bytes received from it
 * @param uploaded     block bytes sent to it
 * @param flags        the usual short flags: {@code D}/{@code d} downloading from it (interested, unchoked/choked),
 *                     {@code U}/{@code u} uploading to it, {@code O} optimistic unchoke, {@code S} snubbed,
 *                     {@code I} incoming, {@code F} fast extension, {@code E} extension protocol
 */
public record PeerSnapshot(InetSocketAddress address, String client, String source, boolean incoming,
                           double progress, double downloadRate, double uploadRate, long downloaded, long uploaded,
                           String flags) {
}
