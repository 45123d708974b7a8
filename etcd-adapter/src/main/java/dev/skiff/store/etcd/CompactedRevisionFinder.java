package dev.skiff.store.etcd;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

/**
 * Finds etcd's compacted revision, which etcd does not report. A read at revision r fails with
 * "required revision has been compacted" exactly when r is below the compacted revision, so the
 * compacted revision is the lowest readable one. It only moves forward, so the search starts at the
 * highest value known (from this client's compactions, compacted watches, and earlier searches):
 * while nobody else compacts, one read settles it; otherwise a binary search up to the newest
 * revision (always readable) takes about log2(distance) reads. Compactions by other clients, and
 * etcd's own auto-compaction, are found the same way.
 */
final class CompactedRevisionFinder {

    private final AtomicLong known = new AtomicLong();
    private final LongPredicate readableAt;
    private final LongSupplier newestRevision;

    /**
     * @param readableAt     true if a read at the revision succeeds, false if it has been compacted
     * @param newestRevision the store's newest revision
     */
    CompactedRevisionFinder(LongPredicate readableAt, LongSupplier newestRevision) {
        this.readableAt = readableAt;
        this.newestRevision = newestRevision;
    }

    /** Records a compacted revision learned elsewhere. */
    void observed(long compactedRevision) {
        known.accumulateAndGet(compactedRevision, Math::max);
    }

    /**
     * The compacted revision: 0 if reads at revision 1 still work (nothing below 1 to discard),
     * unless a compaction at 1 is known.
     */
    long find() {
        long floor = known.get();
        long lowest = Math.max(floor, 1);
        if (readableAt.test(lowest)) {
            return floor;
        }
        long low = lowest + 1;
        long high = newestRevision.getAsLong();
        while (low < high) {
            long middle = low + (high - low) / 2;
            if (readableAt.test(middle)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        observed(high);
        return high;
    }
}
