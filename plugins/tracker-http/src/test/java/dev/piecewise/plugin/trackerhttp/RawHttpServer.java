package dev.piecewise.plugin.trackerhttp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * An HTTP "tracker" on a raw socket, so a test can send anything: truncated answers, lies about lengths, endless
 * bodies, redirects, silence. Each connection is served on a virtual thread and closed when its handler returns.
 */
final class RawHttpServer implements AutoCloseable {

    /** Writes the whole answer, status line included, for one request. */
    interface Handler {
        void answer(String target, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final List<String> headers = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    RawHttpServer(Handler handler) throws IOException {
        this(handler, ServerSocketFactory.getDefault());
    }

    /** A server speaking HTTPS with {@code tls}'s key. */
    RawHttpServer(Handler handler, SSLContext tls) throws IOException {
        this(handler, tls.getServerSocketFactory());
    }

    private RawHttpServer(Handler handler, ServerSocketFactory sockets) throws IOException {
        server = sockets.createServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = Thread.ofVirtual().name("raw-http-accept").start(() -> accept(handler));
    }

    URI url(String pathAndQuery) {
        String scheme = server instanceof SSLServerSocket ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort() + pathAndQuery);
    }

    /** The request targets (path and query) received, in order. */
    List<String> targets() {
        return List.copyOf(targets);
    }

    /** Every header line of every request, in order. */
    List<String> headers() {
        return List.copyOf(headers);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        for (Socket connection : connections) {
            connection.close();
        }
        acceptor.join(2000);
    }

    private void accept(Handler handler) {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connections.add(connection);
                Thread.ofVirtual().name("raw-http-connection").start(() -> serve(connection, handler));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    throw new IllegalStateException("accept failed", e);
                }
            }
        }
    }

    private void serve(Socket connection, Handler handler) {
        try (connection) {
            var in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            if (requestLine == null) {
                return;
            }
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                headers.add(header);
            }
            targets.add(requestLine.split(" ")[1]);
            handler.answer(requestLine.split(" ")[1], connection.getOutputStream());
            connection.getOutputStream().flush();
        } catch (IOException | InterruptedException e) {
            // the client went away (what several tests make it do) or the server is closing
        }
    }

    // answers

    static void ok(OutputStream out, byte[] body) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
    }

    static void status(OutputStream out, int status, String extraHeaders, byte[] body) throws IOException {
        out.write(("HTTP/1.1 " + status + " Whatever\r\n" + extraHeaders + "Content-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
    }

    static void redirect(OutputStream out, String location) throws IOException {
        status(out, 302, "Location: " + location + "\r\n", new byte[0]);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
