/**
 * The {@code propshare} choking policy: upload shared in proportion to what each peer contributed (Levin et al.,
 * SIGCOMM 2008).
 *
 * @see dev.piecewise.plugin.propshare.PropShareProvider
 */
module dev.piecewise.plugin.propshare {
    requires dev.piecewise.core;

    provides dev.piecewise.spi.choking.ChokingPolicyProvider with dev.piecewise.plugin.propshare.PropShareProvider;
}
