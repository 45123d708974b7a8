package dev.skiff.kubelet.portforward;

/** The pod a port-forward reaches: its name for messages and the address its ports are dialled at. */
public record PortForwardTarget(String namespace, String name, String uid, String podIp) {

    /** As Kubernetes' kubelet names the pod in a forwarding error. */
    String describe() {
        return namespace + "/" + name + ", uid " + uid;
    }
}
