package dev.skiff.apiserver.relay;

import dev.skiff.store.KeyExistsException;
import dev.skiff.store.LeaseNotFoundException;
import dev.skiff.store.Store;
import dev.skiff.store.StoreException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Which api-server relays: the holder of a key attached to a store lease. Creating the key is the
 * compare-and-swap that elects one holder; if the holder dies its lease expires, the store deletes
 * the key, and a standby's next attempt succeeds. A store lease rather than a Lease object because
 * the relay lives beside the store: expiry is the store's own clock, not a comparison of
 * timestamps written by different machines.
 */
final class RelayLeadership {

    static final String KEY = "/skiff/relay/leader";

    private final Store store;
    private final String identity;
    private final long ttlSeconds;
    private volatile long lease;

    RelayLeadership(Store store, String identity, Duration leaseDuration) {
        this.store = store;
        this.identity = identity;
        this.ttlSeconds = Math.max(2, leaseDuration.toSeconds());
    }

    boolean held() {
        return lease != 0;
    }

    /** Tries to become the relay; true if this api-server now holds the leadership. */
    boolean tryAcquire() {
        long candidate = store.grantLease(ttlSeconds);
        try {
            store.create(KEY, identity.getBytes(StandardCharsets.UTF_8), candidate);
            lease = candidate;
            return true;
        } catch (KeyExistsException e) {
            store.revokeLease(candidate);
            return false;
        }
    }

    /** Renews the leadership; false if it was lost (the lease expired). */
    boolean renew() {
        try {
            if (store.keepAliveLease(lease) > 0) {
                return true;
            }
        } catch (LeaseNotFoundException e) {
            // expired: fall through
        }
        lease = 0;
        return false;
    }

    /** Gives the leadership up, so a standby takes over at once. */
    void release() {
        if (lease != 0) {
            try {
                store.revokeLease(lease);
            } catch (LeaseNotFoundException | StoreException e) {
                // already gone, or the store is unreachable and the lease will expire by itself
            }
            lease = 0;
        }
    }

    /** Seconds between renewals: a third of the lease, as Kubernetes renews its leases. */
    long renewEverySeconds() {
        return Math.max(1, ttlSeconds / 3);
    }
}
