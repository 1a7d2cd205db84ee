package dev.piecewise.shell.commands;

import dev.piecewise.api.TorrentHandle;
import dev.piecewise.shell.command.Arguments;
import dev.piecewise.shell.command.Command;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.command.CommandFailure;
import dev.piecewise.shell.command.Parameter;
import dev.piecewise.shell.command.Syntax;
import dev.piecewise.shell.command.ValueKind;
import dev.piecewise.shell.format.TorrentText;

import java.net.InetSocketAddress;
import java.util.List;

/** {@code connect <id> <host:port>}: dial a peer the user knows of. */
final class ConnectCommand implements Command {

    @Override
    public String name() {
        return "connect";
    }

    @Override
    public String summary() {
        return "connect a torrent to a peer now: host:port, or [IPv6]:port";
    }

    @Override
    public Syntax syntax() {
        return Syntax.of(List.of(Parameter.required("id", ValueKind.TORRENT),
                Parameter.required("host:port", ValueKind.TEXT)), List.of());
    }

    @Override
    public String details() {
        return """
                For peers no tracker knows of, such as another client on this machine. The peer shows in
                'peers <id>' once its handshake is done; while the torrent checks or is paused it is dialled later.""";
    }

    @Override
    public void run(Arguments args, CommandContext context) {
        TorrentHandle torrent = context.client().torrent(args.required("id"));
        InetSocketAddress peer = address(args.required("host:port"));
        torrent.connect(peer);
        context.out().println(torrent.id() + ": connecting to " + TorrentText.address(peer));
    }

    /** {@code 10.0.0.2:6881}, {@code [::1]:6881} or {@code host.example:6881}. */
    static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new CommandFailure("a peer is host:port, for example 127.0.0.1:6881: '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new CommandFailure("write an IPv6 peer in brackets: [" + host + "]:" + text.substring(colon + 1));
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new CommandFailure("not a port: '" + text.substring(colon + 1) + "'");
        }
        if (port < 1 || port > 65535) {
            throw new CommandFailure("a port is from 1 to 65535: " + port);
        }
        var address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new CommandFailure("cannot resolve " + host);
        }
        return address;
    }
}
