package dev.piecewise.plugin.trackerhttp;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * A TLS context that makes its real one when it is first used. Making a TLS context sets up the JDK's TLS
 * implementation (its cipher suites, named curves, a seeded random number generator): 20-30 ms on the way to a first
 * announce that is usually plain HTTP, because the JDK's HTTP client wants its context when it is built.
 */
final class LazyTlsContext extends SSLContext {

    private final Spi spi;

    /** @param maker makes the real, initialised context; a failure fails the use at hand, and the next one retries */
    LazyTlsContext(Supplier<SSLContext> maker) {
        this(new Spi(maker));
    }

    private LazyTlsContext(Spi spi) {
        super(spi, null, "TLS");
        this.spi = spi;
    }

    /** Whether the real context was made. */
    boolean made() {
        return spi.context != null;
    }

    private static final class Spi extends SSLContextSpi {

        private final Supplier<SSLContext> maker;
        private volatile SSLContext context;

        Spi(Supplier<SSLContext> maker) {
            this.maker = maker;
        }

        private SSLContext context() {
            SSLContext made = context;
            if (made == null) {
                synchronized (this) {
                    if (context == null) {
                        context = maker.get();
                    }
                    made = context;
                }
            }
            return made;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random)
                throws KeyManagementException {
            throw new KeyManagementException("this TLS context is initialised by its maker");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return context().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return context().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return context().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return context().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return context().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return context().getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return context().getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return context().getSupportedSSLParameters();
        }
    }
}
