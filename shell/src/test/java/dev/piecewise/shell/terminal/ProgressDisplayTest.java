package dev.piecewise.shell.terminal;

import dev.piecewise.api.MetadataProgress;
import dev.piecewise.api.Selection;
import dev.piecewise.api.TorrentMetrics;
import dev.piecewise.api.TorrentState;
import dev.piecewise.api.TorrentStatus;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressDisplayTest {

    private static ProgressDisplay.Snapshot torrent(String id, TorrentState state, double progress, double down) {
        long total = 100L << 20;
        var metrics = new TorrentMetrics(Optional.empty(), Optional.empty(), 0, 0, 0, 0, 0, 1);
        var status = new TorrentStatus(state, Optional.empty(), total, (long) (total * progress), 400,
                (int) (400 * progress), down, 1024, 0, 0, 7, 2, Optional.of(Duration.ofSeconds(192)),
                new Selection("rarest-first", ""), new Selection("tit-for-tat", ""), metrics);
        return new ProgressDisplay.Snapshot(id, "name-" + id, status);
    }

    private static List<String> text(List<ProgressDisplay.Snapshot> torrents) {
        return ProgressDisplay.lines(torrents).stream().map(AttributedString::toString).toList();
    }

    @Test
    void noTorrentsNoBar() {
        assertEquals(List.of(), ProgressDisplay.lines(List.of()));
    }

    @Test
    void aDownloadShowsPercentRatesEtaAndPeers() {
        List<String> lines = text(List.of(torrent("abcd1234", TorrentState.DOWNLOADING, 0.421, 2 << 20)));
        assertEquals(2, lines.size());
        assertEquals("abcd1234 42.1% downloading  ↓ 2.00 MiB/s  ↑ 1.00 KiB/s  ETA 3m 12s  peers 7 (2 seeds)"
                + "  name-abcd1234", lines.get(0));
        assertEquals("1 torrent: 1 active, 0 seeding  ↓ 2.00 MiB/s  ↑ 1.00 KiB/s", lines.get(1));
    }

    @Test
    void atMostThreeActiveTorrentsGetALineAndSeedsOnlyCount() {
        List<String> lines = text(List.of(
                torrent("a", TorrentState.DOWNLOADING, 0.1, 100),
                torrent("b", TorrentState.SEEDING, 1, 0),
                torrent("c", TorrentState.CHECKING, 0.2, 0),
                torrent("d", TorrentState.DOWNLOADING, 0.3, 100),
                torrent("e", TorrentState.DOWNLOADING, 0.4, 100)));
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("a "));
        assertTrue(lines.get(1).startsWith("c "));
        assertTrue(lines.get(2).startsWith("d "));
        assertEquals("5 torrents: 4 active (1 not shown), 1 seeding  ↓ 300 B/s  ↑ 5.00 KiB/s", lines.get(3));
    }

    @Test
    void aMagnetTorrentFetchingItsMetadataIsActiveAndShowsThePiecesOfIt() {
        var metrics = new TorrentMetrics(Optional.empty(), Optional.empty(), 0, 0, 0, 0, 0, 0);
        var peer = new MetadataProgress.MetadataPeer(new java.net.InetSocketAddress("127.0.0.1", 6881), "x", "asked");
        var status = new TorrentStatus(TorrentState.FETCHING_METADATA, Optional.empty(), 0, 0, 0, 0, 0, 0, 0, 0, 1,
                0, Optional.empty(), new Selection("rarest-first", ""), new Selection("tit-for-tat", ""), metrics,
                Optional.of(new MetadataProgress(OptionalLong.of(40_000), 1, 3, List.of(peer))));
        List<String> lines = text(List.of(new ProgressDisplay.Snapshot("abcd1234", "linux.iso", status)));
        assertEquals("abcd1234 fetching metadata 1/3  ↓ 0 B/s  ↑ 0 B/s  ETA -  peers 1 tried  linux.iso",
                lines.get(0));
        assertEquals("1 torrent: 1 active, 0 seeding  ↓ 0 B/s  ↑ 0 B/s", lines.get(1));
    }
}
