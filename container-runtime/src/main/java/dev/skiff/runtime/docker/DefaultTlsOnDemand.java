package dev.skiff.runtime.docker;

import com.github.dockerjava.transport.SSLConfig;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
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
 * The TLS settings for an engine reached without TLS of its own (a unix socket, plain tcp): the
 * JDK's default TLS context, made on first use only. Without settings, docker-java's transport
 * makes that context when the client is built, loading the JDK's security providers and its trust
 * store (about a thousand classes and 4–10 MiB of memory) for connections that never use TLS.
 */
final class DefaultTlsOnDemand implements SSLConfig {

    @Override
    public SSLContext getSSLContext() {
        return new OnDemandContext();
    }

    private static final class OnDemandContext extends SSLContext {
        OnDemandContext() {
            super(new DefaultContextSpi(), null, "Default");
        }
    }

    /** Every call goes to the JDK's default context, made on the first. */
    private static final class DefaultContextSpi extends SSLContextSpi {

        private static SSLContext context() {
            try {
                return SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no default TLS context", e);
            }
        }

        @Override
        protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random) {
            throw new UnsupportedOperationException("the default TLS context is initialized already");
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
