package dev.skiff.api.validation;

import dev.skiff.api.defaults.PodDefaults;
import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.skiff.api.validation.TestObjects.read;
import static dev.skiff.api.validation.TestObjects.render;
import static org.assertj.core.api.Assertions.assertThat;

class PodValidationTest {

    private static final String POD = """
            metadata: {name: web, namespace: default}
            spec:
              containers:
              - name: app
                image: nginx:1.27
                ports: [{containerPort: 80, name: http}]
                env: [{name: MODE, value: prod}]
                volumeMounts: [{name: data, mountPath: /data}]
                readinessProbe: {httpGet: {port: http}}
              volumes: [{name: data, emptyDir: {}}]
              tolerations: [{key: example.com/gpu, operator: Exists, effect: NoSchedule}]
            """;

    /** A valid, defaulted pod changed by {@code change}, and the errors creating it gives. */
    private static List<String> createErrors(Consumer<Pod> change) {
        Pod pod = read(POD, Pod.class);
        change.accept(pod);
        PodDefaults.apply(pod);
        return render(PodValidation.validateCreate(pod));
    }

    private static Pod defaulted() {
        Pod pod = read(POD, Pod.class);
        PodDefaults.apply(pod);
        return pod;
    }

    private static Container app(Pod pod) {
        return pod.getSpec().getContainers().get(0);
    }

    @Test
    void aValidPodPasses() {
        assertThat(createErrors(pod -> { })).isEmpty();
    }

    @Test
    void containersAreRequired() {
        assertThat(createErrors(pod -> pod.getSpec().setContainers(List.of()))).contains("spec.containers: Required value");
    }

    @Test
    void containerNamesAreUniqueDnsLabels() {
        assertThat(createErrors(pod -> app(pod).setName("App"))).singleElement().asString()
                .startsWith("spec.containers[0].name: Invalid value: \"App\": a lowercase RFC 1123 label");
        assertThat(createErrors(pod -> app(pod).setName(null))).containsExactly("spec.containers[0].name: Required value");
        assertThat(createErrors(pod -> pod.getSpec().getContainers().add(
                new ContainerBuilder().withName("app").withImage("nginx").build())))
                .containsExactly("spec.containers[1].name: Duplicate value: \"app\"");
        assertThat(createErrors(pod -> pod.getSpec().setInitContainers(List.of(
                new ContainerBuilder().withName("app").withImage("busybox").build()))))
                .containsExactly("spec.initContainers[0].name: Duplicate value: \"app\"");
    }

    @Test
    void imagesAreRequiredAndTrimmed() {
        assertThat(createErrors(pod -> app(pod).setImage(""))).containsExactly("spec.containers[0].image: Required value");
        assertThat(createErrors(pod -> app(pod).setImage(" nginx"))).containsExactly(
                "spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace");
    }

    @Test
    void ports() {
        assertThat(createErrors(pod -> app(pod).getPorts().get(0).setContainerPort(70000))).containsExactly(
                "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive");
        assertThat(createErrors(pod -> app(pod).getPorts().get(0).setProtocol("HTTP"))).containsExactly(
                "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
        assertThat(createErrors(pod -> app(pod).getPorts().get(0).setHostPort(8080))).isEmpty();
    }

    @Test
    void twoContainersMayNotClaimTheSameHostPort() {
        assertThat(createErrors(pod -> {
            app(pod).getPorts().get(0).setHostPort(8080);
            Container sidecar = copyOf(app(pod));
            sidecar.setName("sidecar");
            sidecar.getPorts().get(0).setName("http2");
            pod.getSpec().getContainers().add(sidecar);
        })).containsExactly("spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\"");
    }

    @Test
    void hostNetworkPodsUseTheirContainerPortsOnTheHost() {
        assertThat(createErrors(pod -> pod.getSpec().setHostNetwork(true))).isEmpty();
        assertThat(createErrors(pod -> {
            pod.getSpec().setHostNetwork(true);
            app(pod).getPorts().get(0).setHostPort(81);
        })).containsExactly("spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when "
                + "`hostNetwork` is true");
    }

    @Test
    void environment() {
        assertThat(createErrors(pod -> app(pod).getEnv().get(0).setName("A=B"))).containsExactly(
                "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must "
                        + "consist only of printable ASCII characters other than '='");
        Pod fieldRef = read("""
                metadata: {name: web, namespace: default}
                spec:
                  containers:
                  - name: app
                    image: nginx
                    env:
                    - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
                    - {name: APP, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
                    - {name: BAD, valueFrom: {fieldRef: {fieldPath: spec.hostname}}}
                    - {name: BOTH, value: x, valueFrom: {secretKeyRef: {name: s, key: k}}}
                    - {name: NONE, valueFrom: {}}
                """, Pod.class);
        PodDefaults.apply(fieldRef);
        assertThat(render(PodValidation.validateCreate(fieldRef))).containsExactly(
                "spec.containers[0].env[2].valueFrom.fieldRef.fieldPath: Unsupported value: \"spec.hostname\": supported "
                        + "values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", "
                        + "\"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"",
                "spec.containers[0].env[3].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty",
                "spec.containers[0].env[4].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, "
                        + "`resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
    }

    @Test
    void volumesAndMounts() {
        assertThat(createErrors(pod -> app(pod).getVolumeMounts().get(0).setName("logs")))
                .containsExactly("spec.containers[0].volumeMounts[0].name: Not found: \"logs\"");
        assertThat(createErrors(pod -> app(pod).getVolumeMounts().get(0).setMountPath("")))
                .containsExactly("spec.containers[0].volumeMounts[0].mountPath: Required value");
        assertThat(createErrors(pod -> pod.getSpec().getVolumes().get(0).setName("Data"))).contains(
                "spec.containers[0].volumeMounts[0].name: Not found: \"data\"");
        Pod twoSources = defaulted();
        twoSources.getSpec().getVolumes().get(0).setHostPath(new HostPathVolumeSource("/var", ""));
        assertThat(render(PodValidation.validateCreate(twoSources))).containsExactly(
                "spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type",
                "spec.containers[0].volumeMounts[0].name: Not found: \"data\"");
    }

    @Test
    void policiesAreChecked() {
        assertThat(createErrors(pod -> pod.getSpec().setRestartPolicy("Sometimes"))).containsExactly(
                "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
        assertThat(createErrors(pod -> pod.getSpec().setDnsPolicy("None"))).containsExactly(
                "spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None");
        assertThat(createErrors(pod -> app(pod).setImagePullPolicy("Sometimes"))).singleElement().asString()
                .startsWith("spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\"");
        assertThat(createErrors(pod -> pod.getSpec().setNodeName("Node_1"))).singleElement().asString()
                .startsWith("spec.nodeName: Invalid value: \"Node_1\": a lowercase RFC 1123 subdomain");
        assertThat(createErrors(pod -> pod.getSpec().setActiveDeadlineSeconds(0L))).containsExactly(
                "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive");
    }

    @Test
    void tolerations() {
        assertThat(createErrors(pod -> pod.getSpec().getTolerations().get(0).setValue("x"))).containsExactly(
                "spec.tolerations[0].operator: Invalid value: \"x\": value must be empty when `operator` is 'Exists'");
        assertThat(createErrors(pod -> pod.getSpec().setTolerations(List.of(new Toleration("NoSchedule", "", "Equal",
                null, ""))))).containsExactly(
                "spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, "
                        + "which means \"match all values and all keys\"");
        assertThat(createErrors(pod -> pod.getSpec().setTolerations(List.of(new Toleration("NoSchedule", "k", "Equal",
                30L, "v"))))).containsExactly(
                "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set");
        assertThat(createErrors(pod -> pod.getSpec().setTolerations(List.of(new Toleration("Never", "k", "Equal", null,
                "v"))))).containsExactly(
                "spec.tolerations[0].effect: Unsupported value: \"Never\": supported values: \"NoSchedule\", "
                        + "\"PreferNoSchedule\", \"NoExecute\"");
    }

    @Test
    void probes() {
        assertThat(createErrors(pod -> app(pod).getReadinessProbe().getHttpGet().setPort(new IntOrString("metrics-port-long"))))
                .containsExactly("spec.containers[0].readinessProbe.httpGet.port: Invalid value: \"metrics-port-long\": "
                        + "must be no more than 15 characters");
        assertThat(createErrors(pod -> app(pod).setLivenessProbe(new Probe())))
                .containsExactly("spec.containers[0].livenessProbe: Required value: must specify a handler type");
        assertThat(createErrors(pod -> {
            app(pod).setLivenessProbe(copyOf(app(pod)).getReadinessProbe());
            app(pod).getLivenessProbe().setSuccessThreshold(2);
        })).containsExactly("spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1");
    }

    @Test
    void requestsMayNotExceedLimits() {
        assertThat(createErrors(pod -> app(pod).setResources(new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity("2"))).withLimits(Map.of("cpu",
                        new Quantity("500m"))).build())))
                .containsExactly("spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal "
                        + "to cpu limit of 500m");
        assertThat(createErrors(pod -> app(pod).setResources(new ResourceRequirementsBuilder()
                .withLimits(Map.of("memory", new Quantity("-1Gi"))).build())))
                .contains("spec.containers[0].resources.limits[memory]: Invalid value: \"-1Gi\": must be greater than or equal to 0");
        assertThat(createErrors(pod -> app(pod).setResources(new ResourceRequirementsBuilder()
                .withLimits(Map.of("gpu", new Quantity("1"))).build())))
                .as("the request defaults to the limit").containsExactly(
                        "spec.containers[0].resources.limits[gpu]: Invalid value: \"gpu\": must be a standard resource for containers",
                        "spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard resource for containers");
    }

    @Test
    void initContainersUseProbesOnlyAsSidecars() {
        Container init = new ContainerBuilder().withName("init").withImage("busybox")
                .withNewReadinessProbe().withNewExec().withCommand("true").endExec().endReadinessProbe().build();
        assertThat(createErrors(pod -> pod.getSpec().setInitContainers(List.of(init)))).containsExactly(
                "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always");
        Container sidecar = new ContainerBuilder(init).withRestartPolicy("Always").build();
        assertThat(createErrors(pod -> pod.getSpec().setInitContainers(List.of(sidecar)))).isEmpty();
    }

    @Test
    void ephemeralContainersCannotBeSetOnCreate() {
        assertThat(createErrors(pod -> pod.getSpec().setEphemeralContainers(List.of(
                new EphemeralContainerBuilder().withName("debug").withImage("busybox").build()))))
                .containsExactly("spec.ephemeralContainers: Forbidden: cannot be set on create");
    }

    @Test
    void updatesMayChangeImages() {
        Pod old = defaulted();
        Pod pod = defaulted();
        app(pod).setImage("nginx:1.28");
        assertThat(PodValidation.validateUpdate(pod, old)).isEmpty();
    }

    @Test
    void updatesMayNotChangeOtherSpecFields() {
        Pod old = defaulted();
        old.getSpec().setNodeName("node-a");
        Pod pod = defaulted();
        pod.getSpec().setNodeName("node-b");
        assertThat(render(PodValidation.validateUpdate(pod,
                old))).containsExactly("spec: Forbidden: pod updates may not "
                + "change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,"
                + "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
                + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n"
                + "spec.nodeName: \"node-a\" -> \"node-b\"");
        Pod ported = defaulted();
        app(ported).getPorts().get(0).setContainerPort(8080);
        assertThat(render(PodValidation.validateUpdate(ported, defaulted()))).singleElement().asString()
                .startsWith("spec: Forbidden: pod updates may not change fields other than").endsWith(
                        "spec.containers[0].ports[0].containerPort: 80 -> 8080");
    }

    @Test
    void updatesMayNotAddContainers() {
        Pod pod = defaulted();
        Container second = copyOf(app(pod));
        second.setName("second");
        second.setPorts(List.of());
        pod.getSpec().getContainers().add(second);
        assertThat(render(PodValidation.validateUpdate(pod, defaulted())))
                .containsExactly("spec.containers: Forbidden: pod updates may not add or remove containers");
    }

    @Test
    void updatesMayOnlyAddTolerations() {
        Pod added = defaulted();
        added.getSpec().getTolerations().add(new Toleration("NoExecute", "k", "Exists", 60L, null));
        assertThat(PodValidation.validateUpdate(added, defaulted())).isEmpty();
        Pod changed = defaulted();
        changed.getSpec().getTolerations().get(0).setEffect("NoExecute");
        assertThat(render(PodValidation.validateUpdate(changed, defaulted()))).containsExactly(
                "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds");
    }

    @Test
    void activeDeadlineMayOnlyShrink() {
        Pod old = defaulted();
        old.getSpec().setActiveDeadlineSeconds(100L);
        Pod shorter = defaulted();
        shorter.getSpec().setActiveDeadlineSeconds(50L);
        assertThat(PodValidation.validateUpdate(shorter, old)).isEmpty();
        Pod longer = defaulted();
        longer.getSpec().setActiveDeadlineSeconds(200L);
        assertThat(render(PodValidation.validateUpdate(longer, old))).containsExactly(
                "spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value");
        assertThat(render(PodValidation.validateUpdate(defaulted(), old))).containsExactly(
                "spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value");
        Pod set = defaulted();
        set.getSpec().setActiveDeadlineSeconds(30L);
        assertThat(PodValidation.validateUpdate(set, defaulted())).isEmpty();
    }

    private static Container copyOf(Container container) {
        return Json.MAPPER.convertValue(container, Container.class);
    }
}
