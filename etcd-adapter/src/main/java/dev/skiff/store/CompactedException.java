package dev.skiff.store;

/** A read or watch asked for a revision that compaction has discarded. */
public class CompactedException extends RuntimeException {
    private final long compactedRevision;

    public CompactedException(long requested, long compactedRevision) {
        super("revision " + requested + " has been compacted (compacted revision " + compactedRevision + ")");
        this.compactedRevision = compactedRevision;
    }

    public long compactedRevision() {
        return compactedRevision;
    }
}
