package dev.skiff.store;

/** A lease named by a write or a lease call does not exist (never granted, revoked or expired). */
public class LeaseNotFoundException extends RuntimeException {
    private final long leaseId;

    public LeaseNotFoundException(long leaseId) {
        super("lease not found: " + leaseId);
        this.leaseId = leaseId;
    }

    public long leaseId() {
        return leaseId;
    }
}
