package dev.piecewise.plugin.trackerhttp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.piecewise.fuzz.NameLookups;
import dev.piecewise.spi.tracker.AnnounceResponse;
import dev.piecewise.spi.tracker.PeerAddress;
import dev.piecewise.spi.tracker.ScrapeResponse;
import dev.piecewise.spi.tracker.TrackerException;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An HTTP tracker's answer body, read as an announce answer, a scrape answer and, as after an error status, for its
 * failure reason. Only a {@link TrackerException} may come out; what is read must be usable as it is (resolved peer
 * addresses, non-negative intervals and counts) and reading must never look up a host name.
 */
class HttpTrackerAnswerFuzzTest {

    @FuzzTest
    void answer(byte[] body) {
        NameLookups.clear();
        announce(body);
        scrape(body);
        Optional<String> reason = HttpAnswers.failureReason(body);
        reason.ifPresent(text -> assertFalse(text.isBlank(), "a refusal says something"));
        assertEquals(List.of(), NameLookups.asked(), "reading a tracker's answer looked up host names");
    }

    private static void announce(byte[] body) {
        AnnounceResponse answer;
        try {
            answer = HttpAnswers.announce(body);
        } catch (TrackerException refused) {
            return;
        }
        assertFalse(answer.interval().isNegative());
        answer.minInterval().ifPresent(interval -> assertFalse(interval.isNegative()));
        answer.seeders().ifPresent(count -> assertTrue(count >= 0));
        answer.leechers().ifPresent(count -> assertTrue(count >= 0));
        for (PeerAddress peer : answer.peers()) {
            assertFalse(peer.address().isUnresolved());
            peer.peerId().ifPresent(id -> assertEquals(20, id.length));
        }
    }

    private static void scrape(byte[] body) {
        ScrapeResponse answer;
        try {
            answer = HttpAnswers.scrape(body);
        } catch (TrackerException refused) {
            return;
        }
        answer.torrents().values().forEach(counts -> assertTrue(
                counts.seeders() >= 0 && counts.completed() >= 0 && counts.leechers() >= 0, counts.toString()));
    }
}
