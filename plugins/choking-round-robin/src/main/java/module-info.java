/**
 * The {@code round-robin} choking policy: upload slots go round every interested peer in turn.
 *
 * @see dev.piecewise.plugin.roundrobin.RoundRobinProvider
 */
module dev.piecewise.plugin.roundrobin {
    requires dev.piecewise.core;

    provides dev.piecewise.spi.choking.ChokingPolicyProvider with dev.piecewise.plugin.roundrobin.RoundRobinProvider;
}
