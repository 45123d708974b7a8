package dev.skiff.api.defaults;

import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PodDefaultsTest {

    private static Pod pod(String spec) {
        try {
            return Json.YAML.readValue("metadata: {name: web, namespace: default}\nspec:\n" + spec.indent(2),
                    Pod.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Pod defaulted(String spec) {
        Pod pod = pod(spec);
        PodDefaults.apply(pod);
        return pod;
    }

    @Test
    void podSpecDefaults() {
        PodSpec spec = defaulted("containers: [{name: app, image: nginx}]").getSpec();
        assertThat(spec.getRestartPolicy()).isEqualTo("Always");
        assertThat(spec.getDnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(spec.getTerminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(spec.getSchedulerName()).isEqualTo("default-scheduler");
        assertThat(spec.getSecurityContext()).isNotNull();
        assertThat(Json.MAPPER.valueToTree(spec.getSecurityContext()).toString()).isEqualTo("{}");
    }

    @Test
    void podOnlyDefaults() {
        Pod pod = defaulted("containers: [{name: app, image: nginx}]");
        assertThat(pod.getSpec().getEnableServiceLinks()).isTrue();
        assertThat(pod.getSpec().getPriority()).isZero();
        assertThat(pod.getSpec().getPreemptionPolicy()).isEqualTo("PreemptLowerPriority");
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("default");
        assertThat(pod.getSpec().getServiceAccount()).isEqualTo("default");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pod.getStatus().getQosClass()).isEqualTo("BestEffort");
        assertThat(defaulted("priorityClassName: system-node-critical\ncontainers: [{name: app, image: nginx}]")
                .getSpec().getPriority()).isEqualTo(2000001000);
    }

    @Test
    void containerDefaults() {
        Container container = defaulted("""
                containers:
                - name: app
                  image: nginx:1.27
                  ports: [{containerPort: 80}]
                  env: [{name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
                  livenessProbe: {httpGet: {port: 80}}
                """).getSpec().getContainers().get(0);
        assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(container.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
        assertThat(container.getTerminationMessagePolicy()).isEqualTo("File");
        assertThat(container.getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(container.getEnv().get(0).getValueFrom().getFieldRef().getApiVersion()).isEqualTo("v1");
        assertThat(container.getLivenessProbe().getTimeoutSeconds()).isEqualTo(1);
        assertThat(container.getLivenessProbe().getPeriodSeconds()).isEqualTo(10);
        assertThat(container.getLivenessProbe().getSuccessThreshold()).isEqualTo(1);
        assertThat(container.getLivenessProbe().getFailureThreshold()).isEqualTo(3);
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/");
        assertThat(container.getLivenessProbe().getHttpGet().getScheme()).isEqualTo("HTTP");
    }

    @Test
    void imagesPulledByTheLatestTagArePulledAlways() {
        assertThat(pullPolicy("nginx")).isEqualTo("Always");
        assertThat(pullPolicy("nginx:latest")).isEqualTo("Always");
        assertThat(pullPolicy("registry:5000/team/nginx")).isEqualTo("Always");
        assertThat(pullPolicy("registry:5000/team/nginx:1.27")).isEqualTo("IfNotPresent");
        assertThat(pullPolicy("nginx@sha256:0123abcd")).isEqualTo("IfNotPresent");
        assertThat(pullPolicy("nginx:latest@sha256:0123abcd")).isEqualTo("Always");
    }

    private static String pullPolicy(String image) {
        Pod pod = defaulted("containers: [{name: app, image: '" + image + "'}]");
        return pod.getSpec().getContainers().get(0).getImagePullPolicy();
    }

    @Test
    void givenValuesAreKept() {
        Pod pod = defaulted("""
                restartPolicy: Never
                terminationGracePeriodSeconds: 5
                containers: [{name: app, image: nginx, imagePullPolicy: Never, ports: [{containerPort: 53,
                        protocol: UDP}]}]
                """);
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(5L);
        assertThat(pod.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getContainers().get(0).getPorts().get(0).getProtocol()).isEqualTo("UDP");
    }

    @Test
    void volumeDefaults() {
        PodSpec spec = defaulted("""
                containers: [{name: app, image: nginx}]
                volumes: [{name: scratch}, {name: creds, secret: {secretName: creds}}, {name: conf,
                        configMap: {name: conf}}]
                """).getSpec();
        assertThat(spec.getVolumes().get(0).getEmptyDir()).isNotNull();
        assertThat(spec.getVolumes().get(1).getSecret().getDefaultMode()).isEqualTo(0644);
        assertThat(spec.getVolumes().get(2).getConfigMap().getDefaultMode()).isEqualTo(0644);
    }

    @Test
    void limitsWithoutRequestsAreRequested() {
        Container container = defaulted("""
                containers: [{name: app, image: nginx, resources: {limits: {cpu: 500m, memory: 128Mi},
                        requests: {cpu: 100m}}}]
                """).getSpec().getContainers().get(0);
        assertThat(container.getResources().getRequests())
                .isEqualTo(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")));
    }

    @Test
    void qualityOfServiceClasses() {
        assertThat(qos("{limits: {cpu: 500m, memory: 128Mi}}")).isEqualTo("Guaranteed");
        assertThat(qos("{limits: {cpu: '0.5', memory: 128Mi}, requests: {cpu: 500m}}")).isEqualTo("Guaranteed");
        assertThat(qos("{limits: {cpu: 500m, memory: 128Mi}, requests: {cpu: 100m}}")).isEqualTo("Burstable");
        assertThat(qos("{requests: {memory: 64Mi}}")).isEqualTo("Burstable");
        assertThat(qos("{}")).isEqualTo("BestEffort");
    }

    private static String qos(String resources) {
        return defaulted("containers: [{name: app, image: nginx, resources: " + resources + "}]")
                .getStatus().getQosClass();
    }

    @Test
    void hostNetworkPortsAreContainerPorts() {
        Pod pod = defaulted("hostNetwork: true\ncontainers: [{name: app, image: nginx, ports: [{containerPort: 8080}]}]");
        assertThat(pod.getSpec().getContainers().get(0).getPorts().get(0).getHostPort()).isEqualTo(8080);
    }

    @Test
    void aPodWithoutSpecGetsOne() {
        Pod pod = new Pod();
        PodDefaults.apply(pod);
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Always");
    }
}
