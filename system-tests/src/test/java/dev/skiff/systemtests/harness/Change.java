package dev.skiff.systemtests.harness;

/**
 * One committed change of an object, as the store made it and as the event topics should carry it.
 *
 * @param key             the object's topic key, {@code namespace/name}
 * @param resourceVersion the store revision of the change
 * @param type            {@code ADDED}, {@code MODIFIED} or {@code DELETED}
 */
public record Change(String key, long resourceVersion, String type) {

    @Override
    public String toString() {
        return type + " " + key + "@" + resourceVersion;
    }
}
