package dev.skiff.controllers.namespace;

import java.util.List;
import java.util.Map;

/**
 * What one pass over a terminating namespace's content left behind.
 *
 * @param remaining  objects still there, by resource as Kubernetes names it in messages
 *                   ({@code pods.}, {@code replicasets.apps}); only resources with some
 * @param finalizers objects still there, by finalizer they carry
 * @param errors     why some resources could not be deleted or listed, one message each
 */
record ContentDeletion(Map<String, Integer> remaining, Map<String, Integer> finalizers, List<String> errors) {

    ContentDeletion {
        remaining = Map.copyOf(remaining);
        finalizers = Map.copyOf(finalizers);
        errors = List.copyOf(errors);
    }

    /** True once nothing is left and nothing failed: the namespace may be finalized. */
    boolean isEmpty() {
        return remaining.isEmpty() && errors.isEmpty();
    }
}
