package dev.piecewise.core.lab;

import dev.piecewise.api.PeerSnapshot;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Attributing bytes between lab peers from their peer lists: dialler's view only, seeds apart, reconnections kept. */
class LabFlowsTest {

    private static final int SEED = 0;
    private static final int A = 1;
    private static final int B = 2;

    private static LabFlows swarm() {
        LabFlows flows = new LabFlows();
        flows.joined(SEED, 7000, true);
        flows.joined(A, 7001, false);
        flows.joined(B, 7002, false);
        return flows;
    }

    /** A connection as its owner lists it: to {@code port}, dialled by the owner unless {@code incoming}. */
    private static PeerSnapshot connection(int port, boolean incoming, long downloaded, long uploaded) {
        return new PeerSnapshot(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), "Piecewise", "lab",
                incoming, 0.5, 0, 0, downloaded, uploaded, "");
    }

    @Test
    void bothDirectionsComeFromTheDiallerAndSeedsDoNotCountAsLeechers() {
        LabFlows flows = swarm();
        flows.look(A, List.of(connection(7000, false, 5_000, 0), connection(7002, false, 300, 700)));
        // B sees A on an ephemeral port: not counted a second time
        flows.look(B, List.of(connection(50_123, true, 700, 300)));

        assertEquals(300, flows.fromLeechers(A), "A got 300 bytes from B; the seed's 5,000 are not a leecher's");
        assertEquals(700, flows.fromLeechers(B));
        assertEquals(0, flows.fromLeechers(SEED));
    }

    @Test
    void aConnectionThatOpensAgainAddsToWhatTheFirstCarried() {
        LabFlows flows = swarm();
        flows.look(A, List.of(connection(7002, false, 400, 100)));
        flows.look(A, List.of(connection(7002, false, 900, 150)));
        flows.look(A, List.of(connection(7002, false, 50, 10))); // reconnected: counters restarted

        assertEquals(950, flows.fromLeechers(A));
        assertEquals(160, flows.fromLeechers(B));
    }

    @Test
    void peersTheLabDoesNotKnowAreIgnored() {
        LabFlows flows = swarm();
        flows.look(A, List.of(connection(9999, false, 1_000, 1_000)));

        assertEquals(0, flows.fromLeechers(A));
    }
}
