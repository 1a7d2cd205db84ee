package dev.piecewise.shell.format;

import dev.piecewise.api.MetadataProgress;
import dev.piecewise.api.Selection;
import dev.piecewise.api.TorrentMetrics;
import dev.piecewise.api.TorrentState;
import dev.piecewise.api.TorrentStatus;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TorrentTextTest {

    private static final MetadataProgress.MetadataPeer ASKED = new MetadataProgress.MetadataPeer(
            new InetSocketAddress("127.0.0.1", 6881), "libtorrent 2.0.8", "asked");

    private static TorrentStatus fetching(MetadataProgress metadata) {
        return new TorrentStatus(TorrentState.FETCHING_METADATA, Optional.empty(), 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,
                Optional.empty(), new Selection("rarest-first", ""), new Selection("tit-for-tat", ""),
                new TorrentMetrics(Optional.empty(), Optional.empty(), 0, 0, 0, 0, 0, 0), Optional.of(metadata));
    }

    @Test
    void statesAreWordsAsUsersSayThem() {
        assertEquals("fetching metadata", TorrentText.state(TorrentState.FETCHING_METADATA));
        assertEquals("downloading", TorrentText.state(TorrentState.DOWNLOADING));
    }

    @Test
    void aFetchingTorrentShowsThePeersTriedAndAnUnknownSize() {
        TorrentStatus status = fetching(new MetadataProgress(OptionalLong.empty(), 0, 0, List.of(ASKED, ASKED)));
        assertEquals("2 tried", TorrentText.peers(status));
        assertEquals("?", TorrentText.size(status));
        assertEquals("size not known yet: no peer has offered it", TorrentText.metadata(status.metadata().get()));
    }

    @Test
    void metadataProgressOnceItsSizeIsKnown() {
        assertEquals("3/5 pieces of 70.0 KiB",
                TorrentText.metadata(new MetadataProgress(OptionalLong.of(70 * 1024), 3, 5, List.of(ASKED))));
    }

    @Test
    void addressesReadBackAsConnectTakesThem() {
        assertEquals("127.0.0.1:6881", TorrentText.address(new InetSocketAddress("127.0.0.1", 6881)));
        assertEquals("[0:0:0:0:0:0:0:1]:51413", TorrentText.address(new InetSocketAddress("::1", 51413)));
    }
}
