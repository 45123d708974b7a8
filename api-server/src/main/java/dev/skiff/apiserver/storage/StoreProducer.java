package dev.skiff.apiserver.storage;

import dev.skiff.apiserver.config.SkiffConfig;
import dev.skiff.store.Store;
import dev.skiff.store.StoreException;
import dev.skiff.store.embedded.EmbeddedStore;
import dev.skiff.store.etcd.EtcdStore;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/** Builds the one {@link Store} of the process from configuration, and closes it on shutdown. */
public class StoreProducer {

    private static final Logger LOG = Logger.getLogger(StoreProducer.class);

    @Produces
    @Singleton
    Store store(SkiffConfig config) {
        SkiffConfig.StoreConfig store = config.store();
        return switch (store.backend()) {
            case ETCD -> {
                String endpoints = String.join(",", store.etcd().endpoints());
                LOG.infof("storage: etcd at %s", endpoints);
                EtcdStore etcd = new EtcdStore(store.etcd().endpoints(), store.etcd().timeout());
                if (!etcd.isHealthy()) {
                    etcd.close();
                    throw new StoreException("etcd at " + endpoints + " does not answer: start etcd there, "
                            + "or point skiff.store.etcd.endpoints (./skiff up --etcd URL) at a running cluster");
                }
                yield etcd;
            }
            case EMBEDDED -> {
                Path dir = Path.of(store.embedded().dir()).toAbsolutePath();
                LOG.infof("storage: embedded store in %s", dir);
                yield new EmbeddedStore(dir);
            }
        };
    }

    void close(@Disposes Store store) {
        store.close();
    }
}
