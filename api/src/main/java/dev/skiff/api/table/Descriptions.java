package dev.skiff.api.table;

/** Column descriptions, taken from the Kubernetes API's field documentation as the server sends them. */
final class Descriptions {

    private Descriptions() {
    }

    static final String NAME = "Name must be unique within a namespace. Is required when creating resources, "
            + "although some resources may allow a client to request the generation of an appropriate name "
            + "automatically. Name is primarily intended for creation idempotence and configuration definition. "
            + "Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    static final String CREATION_TIMESTAMP = "CreationTimestamp is a timestamp representing the server time when "
            + "this object was created. It is not guaranteed to be set in happens-before order across separate "
            + "operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\n"
            + "Populated by the system. Read-only. Null for lists. More info: "
            + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    static final String CONTAINERS = "Names of each container in the template.";
    static final String IMAGES = "Images referenced by each container in the template.";

    // Pod
    static final String POD_READY = "The aggregate readiness state of this pod for accepting traffic.";
    static final String POD_STATUS = "The aggregate status of the containers in this pod.";
    static final String POD_RESTARTS = "The number of times the containers in this pod have been restarted and "
            + "when the last container in this pod has restarted.";
    static final String POD_IP = "podIP address allocated to the pod. Routable at least within the cluster. "
            + "Empty if not yet allocated.";
    static final String POD_NODE = "NodeName indicates in which node this pod is scheduled. If empty, this pod is "
            + "a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the "
            + "kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be "
            + "used to express a desire for the pod to be scheduled on a specific node. "
            + "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename";
    static final String POD_NOMINATED_NODE = "nominatedNodeName is set only when this pod preempts other pods on "
            + "the node, but it cannot be scheduled right away as preemption victims receive their graceful "
            + "termination periods. This field does not guarantee that the pod will be scheduled on this node. "
            + "Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler "
            + "may also decide to give the resources on this node to a higher priority pod that is created after "
            + "preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.";
    static final String POD_READINESS_GATES = "If specified, all readiness gates will be evaluated for pod "
            + "readiness. A pod is ready when all its containers are ready AND all conditions specified in the "
            + "readiness gates have status equal to \"True\" More info: "
            + "https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates";

    // Node
    static final String NODE_STATUS = "The status of the node";
    static final String NODE_ROLES = "The roles of the node";
    static final String NODE_VERSION = "Kubelet Version reported by the node.";
    static final String NODE_ADDRESSES = "List of addresses reachable to the node. Queried from cloud provider, "
            + "if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: "
            + "This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause "
            + "data corruption when it is merged. Callers should instead use a full-replacement patch. See "
            + "https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during "
            + "the lifetime of a Node. However, there are some exceptions where this may not be possible, such "
            + "as Pods that inherit a Node's address in its own status or consumers of the downward API "
            + "(status.hostIP).";
    static final String NODE_OS_IMAGE = "OS Image reported by the node from /etc/os-release (e.g. Debian "
            + "GNU/Linux 7 (wheezy)).";
    static final String NODE_KERNEL = "Kernel Version reported by the node from 'uname -r' (e.g. "
            + "3.16.0-0.bpo.4-amd64).";
    static final String NODE_RUNTIME = "ContainerRuntime Version reported by the node through runtime remote "
            + "API (e.g. containerd://1.4.2).";

    // Namespace
    static final String NAMESPACE_STATUS = "The status of the namespace";

    // Deployment / ReplicaSet
    static final String DEPLOYMENT_READY = "Number of the pod with ready state";
    static final String DEPLOYMENT_UPDATED = "Total number of non-terminated pods targeted by this deployment "
            + "that have the desired template spec.";
    static final String DEPLOYMENT_AVAILABLE = "Total number of available pods (ready for at least "
            + "minReadySeconds) targeted by this deployment.";
    static final String DEPLOYMENT_SELECTOR = "Label selector for pods. Existing ReplicaSets whose pods are "
            + "selected by this will be the ones affected by this deployment.";
    static final String REPLICASET_DESIRED = "Replicas is the number of desired replicas. This is a pointer to "
            + "distinguish between explicit zero and unspecified. Defaults to 1. More info: "
            + "https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller";
    static final String REPLICASET_CURRENT = "Replicas is the most recently observed number of replicas. More "
            + "info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller";
    static final String REPLICASET_READY = "The number of ready replicas for this replica set.";
    static final String REPLICASET_SELECTOR = "Selector is a label query over pods that should match the "
            + "replica count. If the selector is empty, it is defaulted to the labels present on the pod "
            + "template. Label keys and values that must match in order to be controlled by this replica set. "
            + "More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

    // DaemonSet
    static final String DAEMONSET_DESIRED = "Nodes that should run the daemon pod.";
    static final String DAEMONSET_CURRENT = "Nodes that should run the daemon pod and have one.";
    static final String DAEMONSET_READY = "Nodes that should run the daemon pod and have one that is ready.";
    static final String DAEMONSET_UPDATED = "Nodes whose daemon pod is of the current template.";
    static final String DAEMONSET_AVAILABLE = "Nodes whose daemon pod has been ready for at least minReadySeconds.";
    static final String DAEMONSET_NODE_SELECTOR = "The labels a node must have to run the daemon pod.";
    static final String DAEMONSET_SELECTOR = "The label query that selects the daemon set's pods; it must match the template's labels.";

    // ControllerRevision
    static final String REVISION_CONTROLLER = "The object that made this revision, as kind.group/name.";
    static final String REVISION_NUMBER = "The revision's number: higher is newer.";

    // Job
    static final String JOB_STATUS = "Status of the job.";
    static final String JOB_COMPLETIONS = "Pods that succeeded, of the completions the job asks for.";
    static final String JOB_DURATION = "Time required to complete the job.";
    static final String JOB_SELECTOR = "The label query that selects the job's pods; generated unless manualSelector is set.";

    // CronJob
    static final String CRONJOB_SCHEDULE = "When jobs are started, in cron format.";
    static final String CRONJOB_TIMEZONE = "The IANA time zone the schedule is read in; unset: the controller manager's.";
    static final String CRONJOB_SUSPEND = "Whether no further jobs are started; running ones go on.";
    static final String CRONJOB_ACTIVE = "The jobs of this cronjob that are running.";
    static final String CRONJOB_LAST_SCHEDULE = "When a job was last scheduled.";

    // Service
    static final String SERVICE_TYPE = "type determines how the Service is exposed. Defaults to ClusterIP. "
            + "Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.";
    static final String SERVICE_CLUSTER_IP = "clusterIP is the IP address of the service and is usually "
            + "assigned randomly.";
    static final String SERVICE_EXTERNAL_IPS = "externalIPs is a list of IP addresses for which nodes in the "
            + "cluster will also accept traffic for this service.";
    static final String SERVICE_PORTS = "The list of ports that are exposed by this service. More info: "
            + "https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies";
    static final String SERVICE_SELECTOR = "Route service traffic to pods with label keys and values matching "
            + "this selector. If empty or not present, the service is assumed to have an external process "
            + "managing its endpoints, which Kubernetes will not modify. More info: "
            + "https://kubernetes.io/docs/concepts/services-networking/service/";

    // Endpoints, ConfigMap, Secret
    static final String ENDPOINTS = "The set of all endpoints is the union of all subsets. Addresses are placed "
            + "into subsets according to the IPs they share. A single address with multiple ports, some of which "
            + "are ready and some of which are not (because they come from different containers) will result in "
            + "the address being displayed in different subsets for the different ports. No address will appear "
            + "in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that "
            + "comprise a service.";
    static final String CONFIGMAP_DATA = "Data contains the configuration data. Each key must consist of "
            + "alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the "
            + "BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, "
            + "this is enforced during validation process.";
    static final String SERVICE_ACCOUNT_SECRETS = "Secrets is a list of the secrets in the same namespace that pods "
            + "running using this ServiceAccount are allowed to use.";
    static final String SECRET_TYPE = "Used to facilitate programmatic handling of secret data. More info: "
            + "https://kubernetes.io/docs/concepts/configuration/secret/#secret-types";
    static final String SECRET_DATA = "Data contains the secret data. Each key must consist of alphanumeric "
            + "characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, "
            + "representing the arbitrary (possibly non-string) data value here. Described in "
            + "https://tools.ietf.org/html/rfc4648#section-4";

    // Event
    static final String EVENT_LAST_SEEN = "The time at which the most recent occurrence of this event was recorded.";
    static final String EVENT_TYPE = "Type of this event (Normal, Warning), new types could be added in the future";
    static final String EVENT_REASON = "This should be a short, machine understandable string that gives the "
            + "reason for the transition into the object's current status.";
    static final String EVENT_OBJECT = "The object that this event is about.";
    static final String EVENT_SUBOBJECT = "If referring to a piece of an object instead of an entire object, "
            + "this string should contain a valid JSON/Go field access statement, such as "
            + "desiredState.manifest.containers[2].";
    static final String EVENT_SOURCE = "The component reporting this event. Should be a short machine "
            + "understandable string.";
    static final String EVENT_MESSAGE = "A human-readable description of the status of this operation.";
    static final String EVENT_FIRST_SEEN = "The time at which the event was first recorded. (Time of server "
            + "receipt is in TypeMeta.)";
    static final String EVENT_COUNT = "The number of times this event has occurred.";

    // Lease
    static final String LEASE_HOLDER = "holderIdentity contains the identity of the holder of a current lease. "
            + "If Coordinated Leader Election is used, the holder identity must be equal to the elected "
            + "LeaseCandidate.metadata.name field.";
}
