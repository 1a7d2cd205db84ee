/**
 * The {@code unchoke-all} choking policy: every interested peer is unchoked.
 *
 * @see dev.piecewise.plugin.unchokeall.UnchokeAllProvider
 */
module dev.piecewise.plugin.unchokeall {
    requires dev.piecewise.core;

    provides dev.piecewise.spi.choking.ChokingPolicyProvider with dev.piecewise.plugin.unchokeall.UnchokeAllProvider;
}
