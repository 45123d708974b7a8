package dev.skiff.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The floor under a pod create: raw etcd puts of the same pod manifests through jetcd, as many
 * and at the same concurrency as the creates, after a warm-up under another prefix.
 */
final class RawEtcdPutBenchmark {

    private static final String TARGET = "raw etcd";
    private static final String KEY_PREFIX = "/skiff-bench/pods/";
    private static final String WARM_UP_PREFIX = "/skiff-bench/warm-up/";

    private final int pods;
    private final int warmUp;
    private final LoadRunner runner;

    RawEtcdPutBenchmark(int pods, int warmUp, LoadRunner runner) {
        this.pods = pods;
        this.warmUp = warmUp;
        this.runner = runner;
    }

    Measurement run(URI etcd) throws InterruptedException {
        try (Client client = Client.builder().endpoints(etcd).build()) {
            KV kv = client.getKVClient();
            runner.run("put (warm-up)", TARGET, warmUp, i -> put(kv, WARM_UP_PREFIX, i));
            return runner.run("put", TARGET, pods, i -> put(kv, KEY_PREFIX, i));
        }
    }

    private static void put(KV kv, String prefix, int index) throws Exception {
        kv.put(bytes(prefix + PodManifest.name(index)), bytes(PodManifest.json("default", index))).get();
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
