package dev.skiff.informer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drops the records the relay sends again (after a crash it republishes from its checkpoint): per
 * key, a record whose resourceVersion is not newer than the last one taken. It remembers the version
 * of every live key, and of the most recent deletes, so that a re-sent older record of a deleted
 * object does not bring it back. Re-sends reach back only to the relay's last checkpoint (a fraction
 * of a second of changes), far fewer than the deletes remembered. Used by one thread.
 */
final class ResourceVersionFilter {

    static final int REMEMBERED_DELETES = 10_000;

    private final Map<String, Long> live = new HashMap<>();
    private final Map<String, Long> deleted = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_DELETES;
        }
    };

    /**
     * Whether to take a record of the key at the revision (-1: unknown, always taken); a taken record
     * becomes the key's last, a delete if {@code deletes}.
     */
    boolean accept(String key, long revision, boolean deletes) {
        if (revision >= 0) {
            Long last = live.containsKey(key) ? live.get(key) : deleted.get(key);
            if (last != null && revision <= last) {
                return false;
            }
        }
        if (deletes) {
            live.remove(key);
            deleted.put(key, revision);
        } else {
            deleted.remove(key);
            live.put(key, revision);
        }
        return true;
    }
}
