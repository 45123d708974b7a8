package dev.skiff.runtime.docker;

/** Image reference helpers. */
final class ImageReferences {

    private ImageReferences() {
    }

    /**
     * The reference with {@code :latest} added when it names neither a tag nor a digest, as
     * Kubernetes does (the engine would otherwise pull every tag of the repository).
     */
    static String withDefaultTag(String reference) {
        if (reference.contains("@")) {
            return reference;
        }
        int lastSlash = reference.lastIndexOf('/');
        return reference.indexOf(':', lastSlash + 1) >= 0 ? reference : reference + ":latest";
    }
}
