package dev.skiff.api.defaults;

/** Reads the tag of a container image reference such as {@code registry:5000/team/app:1.2@sha256:...}. */
final class ImageTags {

    private ImageTags() {
    }

    /**
     * True if the image is pulled by the tag "latest", written or implied (no tag and no digest). Such images
     * are pulled on every start ("Always"); others only when absent. An empty image is no reference at all.
     */
    static boolean isLatest(String image) {
        if (image == null || image.isEmpty()) {
            return false;
        }
        int at = image.indexOf('@');
        String name = at >= 0 ? image.substring(0, at) : image;
        // A ':' after the last '/' starts the tag; one before it belongs to a registry's port.
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            return name.substring(colon + 1).equals("latest");
        }
        return at < 0;
    }
}
