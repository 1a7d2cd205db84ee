/**
 * The {@code tit-for-tat} choking policy: the reference choking algorithm of the BitTorrent specification.
 *
 * @see dev.piecewise.plugin.titfortat.TitForTatProvider
 */
module dev.piecewise.plugin.titfortat {
    requires dev.piecewise.core;

    provides dev.piecewise.spi.choking.ChokingPolicyProvider with dev.piecewise.plugin.titfortat.TitForTatProvider;
}
