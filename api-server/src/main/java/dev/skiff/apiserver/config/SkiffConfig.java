package dev.skiff.apiserver.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** The api-server's settings, under {@code skiff.*}. Every one is documented in the README. */
@ConfigMapping(prefix = "skiff")
public interface SkiffConfig {

    StoreConfig store();

    ApiConfig api();

    interface StoreConfig {
        /** {@code embedded} (single machine) or {@code etcd}. */
        @WithDefault("embedded")
        Backend backend();

        EtcdConfig etcd();

        EmbeddedConfig embedded();

        /**
         * How often history is compacted, as Kubernetes' api-server does: each time, to the
         * revision seen at the previous run, so watchers always have at least one interval to
         * catch up. 0 turns compaction off.
         */
        @WithDefault("5m")
        Duration compactionInterval();
    }

    enum Backend { EMBEDDED, ETCD }

    interface EtcdConfig {
        /** Client URLs of the etcd members. */
        @WithDefault("http://127.0.0.1:2379")
        List<String> endpoints();

        /** Deadline of one etcd call. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface EmbeddedConfig {
        /** Directory of the embedded store's database. */
        @WithDefault("${skiff.home:.skiff}/data")
        String dir();
    }

    interface ApiConfig {
        /** Largest request body accepted, in bytes (Kubernetes: 3 MiB). */
        @WithDefault("3145728")
        long maxRequestBytes();

        WatchConfig watch();
    }

    interface WatchConfig {
        /** Events a watcher may fall behind by before its stream is ended. */
        @WithDefault("1000")
        int queueSize();

        /** Recent events each resource's watch cache keeps, for watches that resume from a resourceVersion. */
        @WithDefault("10000")
        int cacheWindow();

        /** Interval between bookmark events for watchers that allow them. */
        @WithDefault("30s")
        Duration bookmarkInterval();

        /** Longest a watch stream lasts when the client gives no timeoutSeconds. */
        @WithDefault("30m")
        Duration defaultTimeout();
    }
}
