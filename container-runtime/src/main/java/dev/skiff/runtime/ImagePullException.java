package dev.skiff.runtime;

/** An image could not be pulled (not found, no registry reachable, refused); the message says why, for the pod's status. */
public class ImagePullException extends Exception {

    public ImagePullException(String message, Throwable cause) {
        super(message, cause);
    }
}
