package dev.piecewise.plugin.trackerudp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A UDP tracker on loopback that answers each packet as its script says, hostile answers included. */
final class ScriptedUdpTracker implements AutoCloseable {

    /** What to send back for one received packet (nothing, one packet, or several). */
    interface Script {
        List<byte[]> answer(Request request);
    }

    /** A received packet: {@code action} and {@code transactionId} read from where BEP 15 puts them. */
    record Request(ByteBuffer packet) {
        boolean isConnect() {
            return packet.remaining() >= 16 && packet.getLong(0) == 0x41727101980L && packet.getInt(8) == 0;
        }

        int action() {
            return packet.getInt(8);
        }

        int transactionId() {
            return packet.getInt(12);
        }

        long connectionId() {
            return packet.getLong(0);
        }
    }

    private final DatagramSocket socket;
    private final Thread server;
    private final List<Request> received = new CopyOnWriteArrayList<>();

    ScriptedUdpTracker(InetAddress address, Script script) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(address, 0));
        server = Thread.ofVirtual().name("scripted-udp-tracker").start(() -> serve(script));
    }

    static ScriptedUdpTracker onLoopback(Script script) throws SocketException {
        return new ScriptedUdpTracker(InetAddress.getLoopbackAddress(), script);
    }

    URI url() {
        var inet = (InetSocketAddress) socket.getLocalSocketAddress();
        String host = inet.getAddress().getHostAddress();
        return URI.create("udp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort()
                + "/announce");
    }

    List<Request> received() {
        return List.copyOf(received);
    }

    long connects() {
        return received.stream().filter(Request::isConnect).count();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        server.join(2000);
    }

    private void serve(Script script) {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            var packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                var request = new Request(ByteBuffer.wrap(Arrays.copyOf(buffer, packet.getLength())));
                received.add(request);
                for (byte[] answer : script.answer(request)) {
                    socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new IllegalStateException("scripted tracker failed", e);
                }
            }
        }
    }

    // answers a well-behaved tracker would send

    static byte[] connected(Request request, long connectionId) {
        return ByteBuffer.allocate(16).putInt(0).putInt(request.transactionId()).putLong(connectionId).array();
    }

    static byte[] announced(Request request, int interval, int leechers, int seeders, byte[] peers) {
        return ByteBuffer.allocate(20 + peers.length).putInt(1).putInt(request.transactionId())
                .putInt(interval).putInt(leechers).putInt(seeders).put(peers).array();
    }

    static byte[] error(Request request, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length).putInt(3).putInt(request.transactionId()).put(text).array();
    }

    /** A script that connects and then answers announces with the given answer. */
    static Script connectingThen(long connectionId, Script afterConnect) {
        return request -> request.isConnect() ? List.of(connected(request, connectionId)) : afterConnect.answer(request);
    }
}
