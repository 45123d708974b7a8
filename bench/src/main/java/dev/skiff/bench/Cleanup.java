package dev.skiff.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Closes what the benchmark started, newest first: when the run ends, or from a shutdown hook
 * when the JVM is stopped before (Ctrl-C, a failure). Whatever is added must tolerate being
 * closed again after it was closed by its own try-with-resources block.
 */
final class Cleanup implements AutoCloseable {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Thread shutdownHook = new Thread(this::closeAll, "skiff-bench-cleanup");

    Cleanup() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Something for the cleanup to do. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /** ACTION as something to close, named NAME in the cleanup's messages. */
    static AutoCloseable named(String name, Action action) {
        return new AutoCloseable() {
            @Override
            public void close() throws Exception {
                action.run();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    synchronized <T extends AutoCloseable> T add(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void close() {
        closeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook runs closeAll, which finds nothing left to close
        }
    }

    private synchronized void closeAll() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("cleanup: could not close " + resource + ": " + e);
            }
        }
    }
}
