package dev.skiff.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;

import java.util.List;

/**
 * The kinds the garbage collector watches: those that are owners or dependents in Skiff. Besides
 * the workloads and what they use, Nodes and Leases (a kubelet's Lease is owned by its Node) and
 * Namespaces (whose {@code orphan} and {@code foregroundDeletion} finalizers the collector removes).
 * Owner references to other built-in kinds are checked with a GET; to unknown kinds they are
 * left alone.
 */
final class MonitoredKinds {

    static final List<Class<? extends HasMetadata>> CLASSES = List.of(
            Pod.class, ReplicaSet.class, Deployment.class, DaemonSet.class, ControllerRevision.class, Job.class, CronJob.class, Service.class, Endpoints.class, ConfigMap.class,
            Secret.class, Node.class, Lease.class, Namespace.class);

    private MonitoredKinds() {
    }
}
