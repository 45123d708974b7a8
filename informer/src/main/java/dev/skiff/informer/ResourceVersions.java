package dev.skiff.informer;

/**
 * Orders resourceVersions. Kubernetes calls them opaque; Skiff's are store revisions in decimal
 * (README, "Event backbone"), so newer means numerically greater. One that is missing or not a
 * number cannot be ordered, and is taken as newer: a change is never lost for a bad version.
 */
final class ResourceVersions {

    private ResourceVersions() {
    }

    static boolean isNewer(String candidate, String current) {
        long candidateRevision = parse(candidate);
        long currentRevision = parse(current);
        return candidateRevision < 0 || currentRevision < 0 || candidateRevision > currentRevision;
    }

    /** The revision, or -1 if there is none. */
    static long parse(String resourceVersion) {
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
