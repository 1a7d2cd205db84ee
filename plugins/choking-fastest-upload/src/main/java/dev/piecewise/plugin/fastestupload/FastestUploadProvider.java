package dev.piecewise.plugin.fastestupload;

import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.choking.ChokingContext;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingPolicyProvider;

import java.time.Duration;
import java.util.List;

/**
 * {@code fastest-upload}: a seeding policy that keeps the upload slots on the interested peers we send to fastest, so a
 * fast uplink is used fully (libtorrent's and qBittorrent's default for seeds works this way). One more slot measures
 * the others: it goes to the interested peer we have sent least so far (the one never tried first, then the earliest
 * connected) and moves on every 30 seconds, so a fast newcomer soon shows its rate and wins a regular slot.
 *
 * <p>It ranks by upload rate while downloading too: it rewards no one for what they send us (use {@code tit-for-tat}
 * for that). Trade-off: the fast stay served and slow peers wait, which a seed serving a fast swarm wants and a seed
 * wanting every leecher to progress ({@code round-robin}) does not.
 */
public final class FastestUploadProvider implements ChokingPolicyProvider {

    static final String SLOTS = "slots";
    static final String INTERVAL = "interval";
    static final String TRIAL_INTERVAL = "trial-interval";

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.integer(SLOTS, 4, 1, 100, "peers unchoked for their rate"),
            OptionSpec.duration(INTERVAL, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(10),
                    "how often the slots are decided"),
            OptionSpec.duration(TRIAL_INTERVAL, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(30),
                    "how long the extra slot measures one peer before the next (in whole intervals)"));

    @Override
    public String id() {
        return "fastest-upload";
    }

    @Override
    public String description() {
        return "seeding: unchoke the peers we upload to fastest, plus one slot to measure the others";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public ChokingPolicy create(ChokingContext context) {
        var options = context.options();
        return new FastestUploadPolicy((int) options.integer(SLOTS), options.duration(INTERVAL),
                options.duration(TRIAL_INTERVAL));
    }
}
