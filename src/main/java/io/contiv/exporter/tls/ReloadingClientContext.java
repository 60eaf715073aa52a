package io.contiv.exporter.tls;

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
 * An {@link SSLContext} that hands every new connection to the context the supplier gives at that moment. The JDK's
 * HTTP client keeps the context it was built with; through this one it still connects with the files as they are
 * now.
 */
final class ReloadingClientContext extends SSLContextSpi {

    private final Supplier<SSLContext> current;

    private ReloadingClientContext(Supplier<SSLContext> current) {
        this.current = current;
    }

    static SSLContext create(Supplier<SSLContext> current) {
        SSLContext first = current.get();
        return new SSLContext(new ReloadingClientContext(current), first.getProvider(), first.getProtocol()) { };
    }

    @Override
    protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
            throws KeyManagementException {
        throw new KeyManagementException("this context takes its keys and trust from files");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        return current.get().getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        throw new UnsupportedOperationException("a client context");
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return current.get().createSSLEngine();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return current.get().createSSLEngine(host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return current.get().getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return current.get().getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        return current.get().getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        return current.get().getSupportedSSLParameters();
    }
}
