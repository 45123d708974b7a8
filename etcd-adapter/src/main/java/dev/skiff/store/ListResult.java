package dev.skiff.store;

import java.util.List;

/**
 * A page of a list.
 *
 * @param items    the key-values, in key order
 * @param revision the revision the page was read at; pass it back for the next page
 * @param more     true if keys follow the last one
 */
public record ListResult(List<KeyValue> items, long revision, boolean more) {
}
