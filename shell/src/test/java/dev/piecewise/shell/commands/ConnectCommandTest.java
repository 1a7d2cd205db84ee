package dev.piecewise.shell.commands;

import dev.piecewise.shell.command.CommandFailure;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectCommandTest {

    @Test
    void readsIpv4Ipv6AndNames() {
        assertEquals(new InetSocketAddress("127.0.0.1", 6881), ConnectCommand.address("127.0.0.1:6881"));
        assertEquals(new InetSocketAddress("::1", 51413), ConnectCommand.address("[::1]:51413"));
        assertEquals(new InetSocketAddress("localhost", 80), ConnectCommand.address("localhost:80"));
    }

    @Test
    void explainsWhatIsWrong() {
        assertMessage("a peer is host:port, for example 127.0.0.1:6881: '127.0.0.1'", "127.0.0.1");
        assertMessage("a peer is host:port, for example 127.0.0.1:6881: ':80'", ":80");
        assertMessage("write an IPv6 peer in brackets: [::1]:80", "::1:80");
        assertMessage("not a port: 'http'", "host:http");
        assertMessage("a port is from 1 to 65535: 70000", "127.0.0.1:70000");
        assertMessage("cannot resolve no.such.host.invalid", "no.such.host.invalid:80");
    }

    private static void assertMessage(String expected, String typed) {
        assertEquals(expected, assertThrows(CommandFailure.class, () -> ConnectCommand.address(typed)).getMessage());
    }
}
