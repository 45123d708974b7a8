package dev.skiff.apiserver.relay;

import dev.skiff.store.KeyExistsException;
import dev.skiff.store.KeyValue;
import dev.skiff.store.RevisionConflictException;
import dev.skiff.store.Store;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The highest store revision whose changes Kafka has acknowledged, kept in the store itself (outside
 * {@code /registry/}), so a relay that restarts, or another api-server that takes over, resumes
 * from it. Only ever moves forward.
 */
final class RelayCheckpoint {

    static final String KEY = "/skiff/relay/checkpoint";

    private final Store store;

    RelayCheckpoint(Store store) {
        this.store = store;
    }

    /** The checkpoint, or empty if the relay has never published. */
    Optional<Long> load() {
        return store.get(KEY).map(RelayCheckpoint::revision);
    }

    void save(long revision) {
        while (true) {
            Optional<KeyValue> current = store.get(KEY);
            try {
                if (current.isEmpty()) {
                    store.create(KEY, encode(revision), 0);
                } else if (revision > revision(current.get())) {
                    store.update(KEY, encode(revision), current.get().modRevision(), 0);
                }
                return;
            } catch (KeyExistsException | RevisionConflictException e) {
                // another writer moved it meanwhile: read again and only move it forward
            }
        }
    }

    private static long revision(KeyValue kv) {
        return Long.parseLong(new String(kv.value(), StandardCharsets.US_ASCII).trim());
    }

    private static byte[] encode(long revision) {
        return Long.toString(revision).getBytes(StandardCharsets.US_ASCII);
    }
}
