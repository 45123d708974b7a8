package dev.skiff.controllers.job;

import java.util.BitSet;

/**
 * A set of completion indexes of an Indexed job in the notation of its status
 * ({@code completedIndexes}): ascending, comma-separated, runs of two or more as {@code first-last},
 * as in {@code "1,3-5,7"}. Only indexes below the job's completions are kept; a part that does not
 * parse is skipped, as Kubernetes skips it.
 */
final class CompletionIndexes {

    private final BitSet indexes = new BitSet();
    private final int completions;

    private CompletionIndexes(int completions) {
        this.completions = completions;
    }

    static CompletionIndexes parse(String text, int completions) {
        CompletionIndexes set = new CompletionIndexes(completions);
        if (text == null || text.isEmpty()) {
            return set;
        }
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            try {
                int first = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
                int last = dash < 0 ? first : Integer.parseInt(part.substring(dash + 1));
                if (first >= 0 && first <= last && first < completions) {
                    set.indexes.set(first, Math.min(last, completions - 1) + 1);
                }
            } catch (NumberFormatException e) {
                // skipped: a status written by hand may hold anything
            }
        }
        return set;
    }

    /** A new set of the indexes in this one or in OTHER. */
    CompletionIndexes with(CompletionIndexes other) {
        CompletionIndexes union = new CompletionIndexes(completions);
        union.indexes.or(indexes);
        union.indexes.or(other.indexes);
        return union;
    }

    /** How many of OTHER's indexes this set holds. */
    int countOf(CompletionIndexes other) {
        BitSet common = (BitSet) indexes.clone();
        common.and(other.indexes);
        return common.cardinality();
    }

    /** Adds INDEX; true when it is a new index in range. */
    boolean add(int index) {
        if (index < 0 || index >= completions || indexes.get(index)) {
            return false;
        }
        indexes.set(index);
        return true;
    }

    boolean contains(int index) {
        return index >= 0 && indexes.get(index);
    }

    int size() {
        return indexes.cardinality();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int first = indexes.nextSetBit(0); first >= 0; first = indexes.nextSetBit(first)) {
            int end = indexes.nextClearBit(first);
            text.append(text.isEmpty() ? "" : ",").append(first);
            if (end - 1 > first) {
                text.append('-').append(end - 1);
            }
            first = end;
        }
        return text.toString();
    }
}
