/** Piecewise's HTTP(S) tracker transport (BEP 3, 7, 23, 48) for {@code http://} and {@code https://} announce URLs. */
module dev.piecewise.plugin.trackerhttp {
    requires dev.piecewise.core;
    requires java.net.http;
    requires org.slf4j;

    provides dev.piecewise.spi.tracker.TrackerTransportProvider
            with dev.piecewise.plugin.trackerhttp.HttpTrackerProvider;
}
