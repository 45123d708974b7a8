package dev.skiff.apiserver.http;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The api-server has no authentication yet, so it listens on loopback unless told otherwise and
 * says loudly when it is told otherwise.
 */
@ApplicationScoped
public class BindAddressWarning {

    private static final Logger LOG = Logger.getLogger(BindAddressWarning.class);

    void check(@Observes StartupEvent event, @ConfigProperty(name = "quarkus.http.host") String host) {
        if (!isLoopback(host)) {
            LOG.warnf("the api-server listens on %s without authentication: anyone who can reach it controls the cluster", host);
        }
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
