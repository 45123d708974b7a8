package dev.skiff.scheduler.binding;

import dev.skiff.scheduler.framework.PodInfo;

/** Where a pod's binding to a node is written: the api-server's {@code pods/NAME/binding} subresource. */
public interface PodBinder {

    /**
     * Binds the pod to the node.
     *
     * @throws RuntimeException with the api-server's reason if the binding was not written (the
     *                          pod is gone or bound already, the api-server cannot be reached)
     */
    void bind(PodInfo pod, String nodeName);
}
