package dev.skiff.kubelet;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Reflection metadata for the native executable: the Kubernetes objects the kubelet reads and
 * writes as JSON (fabric8's model), the Docker engine's JSON (docker-java's model) and the Summary
 * it serves, with every class they reach. The JVM build needs none of this; {@code mvn -Dnative} reads it.
 */
@RegisterForReflection(registerFullHierarchy = true, targets = {
        io.fabric8.kubernetes.api.model.Pod.class,
        io.fabric8.kubernetes.api.model.PodList.class,
        io.fabric8.kubernetes.api.model.Namespace.class,
        io.fabric8.kubernetes.api.model.Node.class,
        io.fabric8.kubernetes.api.model.NodeList.class,
        io.fabric8.kubernetes.api.model.ConfigMap.class,
        io.fabric8.kubernetes.api.model.Secret.class,
        io.fabric8.kubernetes.api.model.Event.class,
        io.fabric8.kubernetes.api.model.Status.class,
        io.fabric8.kubernetes.api.model.WatchEvent.class,
        io.fabric8.kubernetes.api.model.coordination.v1.Lease.class,
        com.github.dockerjava.api.command.InspectContainerResponse.class,
        com.github.dockerjava.api.command.InspectExecResponse.class,
        com.github.dockerjava.api.command.InspectImageResponse.class,
        com.github.dockerjava.api.command.CreateContainerResponse.class,
        com.github.dockerjava.api.command.ExecCreateCmdResponse.class,
        com.github.dockerjava.api.model.Container.class,
        com.github.dockerjava.api.model.Frame.class,
        com.github.dockerjava.api.model.HostConfig.class,
        com.github.dockerjava.api.model.Info.class,
        com.github.dockerjava.api.model.Version.class,
        com.github.dockerjava.api.model.PullResponseItem.class,
        com.github.dockerjava.api.model.LoadResponseItem.class,
        dev.skiff.kubelet.stats.Summary.class,
})
final class NativeReflection {

    private NativeReflection() {
    }
}
