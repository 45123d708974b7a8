package dev.skiff.api.resource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The resources Skiff serves, in the order discovery lists them (core first, then groups by Kubernetes'
 * priority). Adding a resource is one line here and a strategy.
 */
public final class ResourceRegistry {

    private final List<ResourceType> types;

    /** A registry of {@code types}; (group, plural) and (group, kind) must each be unique. */
    public ResourceRegistry(List<ResourceType> types) {
        Set<String> seen = new HashSet<>();
        for (ResourceType type : types) {
            if (!seen.add(type.group() + "/" + type.plural()) || !seen.add(type.group() + "#" + type.kind())) {
                throw new IllegalArgumentException("resource registered twice: " + type.qualifiedName());
            }
        }
        this.types = List.copyOf(types);
    }

    /** The resources Skiff ships with, described as Kubernetes describes them. */
    public static ResourceRegistry builtIn() {
        return new ResourceRegistry(List.of(
                new ResourceType("", "v1", "Namespace", "namespaces", "namespace", List.of("ns"), false,
                        Set.of("status"), List.of(), Namespace.class, new NamespaceStrategy()),
                new ResourceType("", "v1", "Pod", "pods", "pod", List.of("po"), true,
                        Set.of("status", "binding", "log", "exec", "attach", "portforward"), List.of("all"), Pod.class, new PodStrategy()),
                new ResourceType("", "v1", "Node", "nodes", "node", List.of("no"), false,
                        Set.of("status"), List.of(), Node.class, new NodeStrategy()),
                new ResourceType("", "v1", "Event", "events", "event", List.of("ev"), true,
                        Set.of(), List.of(), Event.class, new EventStrategy()),
                new ResourceType("", "v1", "ConfigMap", "configmaps", "configmap", List.of("cm"), true,
                        Set.of(), List.of(), ConfigMap.class, new ConfigMapStrategy()),
                new ResourceType("", "v1", "Secret", "secrets", "secret", List.of(), true,
                        Set.of(), List.of(), Secret.class, new SecretStrategy()),
                new ResourceType("", "v1", "ServiceAccount", "serviceaccounts", "serviceaccount", List.of("sa"), true,
                        Set.of(), List.of(), ServiceAccount.class, new ServiceAccountStrategy()),
                new ResourceType("", "v1", "Service", "services", "service", List.of("svc"), true,
                        Set.of("status"), List.of("all"), Service.class, new ServiceStrategy()),
                new ResourceType("", "v1", "Endpoints", "endpoints", "endpoints", List.of("ep"), true,
                        Set.of(), List.of(), Endpoints.class, new EndpointsStrategy()),
                new ResourceType("apps", "v1", "ReplicaSet", "replicasets", "replicaset", List.of("rs"), true,
                        Set.of("status", "scale"), List.of("all"), ReplicaSet.class, new ReplicaSetStrategy()),
                new ResourceType("apps", "v1", "Deployment", "deployments", "deployment", List.of("deploy"), true,
                        Set.of("status", "scale"), List.of("all"), Deployment.class, new DeploymentStrategy()),
                new ResourceType("apps", "v1", "DaemonSet", "daemonsets", "daemonset", List.of("ds"), true,
                        Set.of("status"), List.of("all"), DaemonSet.class, new DaemonSetStrategy()),
                new ResourceType("apps", "v1", "ControllerRevision", "controllerrevisions", "controllerrevision", List.of(), true,
                        Set.of(), List.of(), ControllerRevision.class, new ControllerRevisionStrategy()),
                new ResourceType("batch", "v1", "Job", "jobs", "job", List.of(), true,
                        Set.of("status"), List.of("all"), Job.class, new JobStrategy()),
                new ResourceType("batch", "v1", "CronJob", "cronjobs", "cronjob", List.of("cj"), true,
                        Set.of("status"), List.of("all"), CronJob.class, new CronJobStrategy()),
                new ResourceType("coordination.k8s.io", "v1", "Lease", "leases", "lease", List.of(), true,
                        Set.of(), List.of(), Lease.class, new LeaseStrategy())));
    }

    /** Every resource, in registration order. */
    public List<ResourceType> all() {
        return types;
    }

    /** The resource at {@code /apis/{group}/{version}/{plural}} ("" group for {@code /api/v1}). */
    public Optional<ResourceType> find(String group, String version, String plural) {
        return types.stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural))
                .findFirst();
    }

    /** The resource of a kind in a group, whatever its version. */
    public Optional<ResourceType> findByKind(String group, String kind) {
        return types.stream().filter(t -> t.group().equals(group) && t.kind().equals(kind)).findFirst();
    }

    /** The named (non-core) groups, each once, in registration order. */
    public List<String> groups() {
        return types.stream().map(ResourceType::group).filter(group -> !group.isEmpty()).distinct().toList();
    }

    /** The resources served at one group version, in registration order. */
    public List<ResourceType> inGroupVersion(String group, String version) {
        return types.stream().filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
    }
}
