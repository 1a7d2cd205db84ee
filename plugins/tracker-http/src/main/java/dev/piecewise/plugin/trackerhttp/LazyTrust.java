package dev.piecewise.plugin.trackerhttp;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that makes its real one (by default the JDK's, which reads the whole certificate store) only when the
 * first TLS handshake needs it. The HTTP client wants a TLS context even for plain HTTP, and the JDK's default context
 * parses about 150 trusted certificates (tens of milliseconds) before the first announce, which is usually plain HTTP.
 */
final class LazyTrust extends X509ExtendedTrustManager {

    /** The JDK's default trust, shared by every context {@link #jdkDefault()} makes: read once per process. */
    private static final LazyTrust JDK_DEFAULT = new LazyTrust(LazyTrust::loadJdkDefault);

    private final Supplier<X509ExtendedTrustManager> source;
    private volatile X509ExtendedTrustManager delegate;

    /** @param source makes the real trust manager; may throw {@link IllegalStateException}, and is then asked again */
    LazyTrust(Supplier<X509ExtendedTrustManager> source) {
        this.source = source;
    }

    /** A TLS context that trusts what the JDK trusts by default, reading its certificates at the first handshake. */
    static LazyTlsContext jdkDefault() {
        return JDK_DEFAULT.context();
    }

    /** The JDK's default trust manager (honouring {@code javax.net.ssl.trustStore}), freshly made. */
    static X509ExtendedTrustManager loadJdkDefault() {
        try {
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the trusted certificates: " + e.getMessage(), e);
        }
    }

    /** A TLS context with this trust manager and no client certificate, made when a first TLS connection needs it. */
    LazyTlsContext context() {
        return new LazyTlsContext(() -> {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[]{this}, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK offers no TLS", e);
            }
        });
    }

    /** Whether the real trust manager was made. */
    boolean loaded() {
        return delegate != null;
    }

    /** The real trust manager; a failure to make it fails the handshake at hand, and the next one tries again. */
    private X509ExtendedTrustManager manager() throws CertificateException {
        X509ExtendedTrustManager manager = delegate;
        if (manager == null) {
            synchronized (this) {
                try {
                    if (delegate == null) {
                        delegate = source.get();
                    }
                } catch (IllegalStateException e) {
                    throw new CertificateException(e.getMessage(), e);
                }
                manager = delegate;
            }
        }
        return manager;
    }
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        manager().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        manager().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        manager().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        manager().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        manager().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        manager().checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        try {
            return manager().getAcceptedIssuers();
        } catch (CertificateException e) {
            return new X509Certificate[0]; // nothing can be trusted
        }
    }
}
