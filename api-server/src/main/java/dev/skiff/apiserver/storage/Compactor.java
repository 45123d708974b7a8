package dev.skiff.apiserver.storage;

import dev.skiff.apiserver.config.SkiffConfig;
import dev.skiff.store.Store;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the store's history bounded: every interval it compacts to the revision it saw at the
 * previous run (what Kubernetes' api-server does with etcd), so history always covers at least
 * one interval.
 */
@ApplicationScoped
public class Compactor {

    private static final Logger LOG = Logger.getLogger(Compactor.class);

    private final Store store;
    private final long intervalMs;
    private ScheduledExecutorService timer;
    private long previousRevision;

    public Compactor(Store store, SkiffConfig config) {
        this.store = store;
        this.intervalMs = config.store().compactionInterval().toMillis();
    }

    void start(@Observes StartupEvent event) {
        if (intervalMs <= 0) {
            LOG.info("store compaction is off");
            return;
        }
        previousRevision = store.currentRevision();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "skiff-compactor");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::compact, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void compact() {
        try {
            long target = previousRevision;
            previousRevision = store.currentRevision();
            if (target > store.compactedRevision()) {
                store.compact(target);
                LOG.debugf("store compacted to revision %d", target);
            }
        } catch (RuntimeException e) {
            LOG.warnf("store compaction failed, will retry: %s", e.getMessage());
        }
    }
}
