package dev.skiff.bench;

/**
 * How much untimed work precedes each timed series, so that the JIT compilers of the api-server
 * and of this client have compiled the paths measured.
 */
final class WarmUp {

    private static final int MAX_OPERATIONS = 500;

    private WarmUp() {
    }

    /** Warm-up operations before a series of PODS creates or puts. */
    static int operations(int pods) {
        return Math.min(pods, MAX_OPERATIONS);
    }
}
