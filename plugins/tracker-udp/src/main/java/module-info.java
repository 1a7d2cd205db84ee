/** Piecewise's UDP tracker transport (BEP 15) for {@code udp://} announce URLs. */
module dev.piecewise.plugin.trackerudp {
    requires dev.piecewise.core;
    requires org.slf4j;

    provides dev.piecewise.spi.tracker.TrackerTransportProvider
            with dev.piecewise.plugin.trackerudp.UdpTrackerProvider;
}
