package dev.skiff.api.resource;

import dev.skiff.api.json.Json;
import dev.skiff.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class StrategiesTest {

    private static final ResourceRegistry REGISTRY = ResourceRegistry.builtIn();

    /** A minimal manifest of each built-in kind, as a user would write it. */
    private static final Map<String, String> MANIFESTS = Map.ofEntries(
            Map.entry("namespaces", "metadata: {name: team-a}"),
            Map.entry("pods", "metadata: {name: web, namespace: default}\nspec: {containers: [{name: app, image: nginx}]}"),
            Map.entry("nodes", "metadata: {name: node-1}"),
            Map.entry("events", "metadata: {name: web.1, namespace: default}\n"
                    + "involvedObject: {kind: Pod, namespace: default, name: web}\nreason: Scheduled"),
            Map.entry("configmaps", "metadata: {name: conf, namespace: default}\ndata: {k: v}"),
            Map.entry("secrets", "metadata: {name: creds, namespace: default}\nstringData: {password: s3cret}"),
            Map.entry("serviceaccounts", "metadata: {name: builder, namespace: default}\nimagePullSecrets: [{name: registry}]"),
            Map.entry("services", "metadata: {name: web, namespace: default}\nspec: {selector: {app: web}, ports: [{port: 80}]}"),
            Map.entry("endpoints", "metadata: {name: web, namespace: default}\n"
                    + "subsets: [{addresses: [{ip: 10.244.0.5}], ports: [{port: 80}]}]"),
            Map.entry("replicasets", "metadata: {name: web, namespace: default}\nspec: {selector: {matchLabels: {app: web}}, "
                    + "template: {metadata: {labels: {app: web}}, spec: {containers: [{name: app, image: nginx}]}}}"),
            Map.entry("deployments", "metadata: {name: web, namespace: default}\nspec: {selector: {matchLabels: {app: web}}, "
                    + "template: {metadata: {labels: {app: web}}, spec: {containers: [{name: app, image: nginx}]}}}"),
            Map.entry("daemonsets", "metadata: {name: agent, namespace: kube-system}\nspec: {selector: {matchLabels: {app: agent}}, "
                    + "template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: agent, image: busybox}]}}}"),
            Map.entry("controllerrevisions", "metadata: {name: agent-5d9f, namespace: kube-system}\nrevision: 1\n"
                    + "data: {spec: {template: {$patch: replace}}}"),
            Map.entry("jobs", "metadata: {name: pi, namespace: default}\n"
                    + "spec: {template: {spec: {restartPolicy: Never, containers: [{name: pi, image: perl}]}}}"),
            Map.entry("cronjobs", "metadata: {name: nightly, namespace: default}\n"
                    + "spec: {schedule: '0 3 * * *', jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure,"
                    + " containers: [{name: backup, image: busybox}]}}}}}"),
            Map.entry("leases", "metadata: {name: leader, namespace: kube-system}\nspec: {holderIdentity: a, leaseDurationSeconds: 15}"));

    private static HasMetadata read(ResourceType type) {
        try {
            return Json.YAML.readValue(MANIFESTS.get(type.plural()), type.type());
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static <T extends HasMetadata> T defaulted(String plural, Class<T> kind) {
        ResourceType type = REGISTRY.all().stream().filter(t -> t.plural().equals(plural)).findFirst().orElseThrow();
        HasMetadata object = read(type);
        type.strategy().applyDefaults(object);
        return kind.cast(object);
    }

    private static ResourceStrategy strategy(String plural) {
        return REGISTRY.all().stream().filter(t -> t.plural().equals(plural)).findFirst().orElseThrow().strategy();
    }

    @Test
    void everyMinimalManifestIsValidOnceDefaulted() {
        for (ResourceType type : REGISTRY.all()) {
            HasMetadata object = read(type);
            object.getMetadata().setUid("6f1c1e0a-54b1-4a3e-9d52-0d6f3e8f3b11");
            type.strategy().prepareForCreate(object);
            type.strategy().applyDefaults(object);
            assertThat(type.strategy().validateCreate(object)).as(type.plural()).isEmpty();
            HasMetadata copy = Json.MAPPER.convertValue(object, type.type());
            assertThat(type.strategy().validateUpdate(copy, object)).as(type.plural()).isEmpty();
            assertThat(type.strategy().specChanged(copy, object)).as(type.plural()).isFalse();
        }
    }

    @Test
    void invalidObjectsAreReportedWithKubernetesPaths() {
        Pod pod = defaulted("pods", Pod.class);
        pod.getSpec().setContainers(List.of());
        assertThat(strategy("pods").validateCreate(pod)).extracting(FieldError::toString)
                .containsExactly("spec.containers: Required value");
        ServiceAccount account = defaulted("serviceaccounts", ServiceAccount.class);
        account.getMetadata().setName("Builder");
        account.setSecrets(List.of(new ObjectReference()));
        assertThat(strategy("serviceaccounts").validateCreate(account)).extracting(FieldError::field)
                .containsExactly("metadata.name", "secrets[0].name");
    }

    @Test
    void updatesKeepMetadataIdentity() {
        ConfigMap old = defaulted("configmaps", ConfigMap.class);
        old.getMetadata().setUid("u1");
        ConfigMap moved = defaulted("configmaps", ConfigMap.class);
        moved.getMetadata().setNamespace("other");
        moved.getMetadata().setUid("u2");
        assertThat(strategy("configmaps").validateUpdate(moved, old)).extracting(FieldError::toString).containsExactly(
                "metadata.namespace: Invalid value: \"other\": field is immutable",
                "metadata.uid: Invalid value: \"u2\": field is immutable");
    }

    @Test
    void aPodSpecIsImmutableExceptForImages() {
        Pod old = defaulted("pods", Pod.class);
        Pod pod = defaulted("pods", Pod.class);
        pod.getSpec().setNodeName("node-1");
        assertThat(strategy("pods").validateUpdate(pod,
                old)).singleElement().extracting(FieldError::toString).asString()
                .startsWith("spec: Forbidden: pod updates may not change fields other than");
    }

    @Test
    void workloadSelectorsAreImmutable() {
        Deployment old = defaulted("deployments", Deployment.class);
        Deployment changed = defaulted("deployments", Deployment.class);
        changed.getSpec().getSelector().getMatchLabels().put("tier", "web");
        changed.getSpec().getTemplate().getMetadata().getLabels().put("tier", "web");
        assertThat(strategy("deployments").validateUpdate(changed,
                old)).extracting(FieldError::toString).containsExactly(
                "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\",\"tier\":\"web\"}}: field is immutable");
    }

    @Test
    void specChangesBumpTheGenerationButStatusChangesDoNot() {
        Deployment old = defaulted("deployments", Deployment.class);
        Deployment scaled = defaulted("deployments", Deployment.class);
        scaled.getSpec().setReplicas(3);
        assertThat(strategy("deployments").specChanged(scaled, old)).isTrue();
        Deployment reported = defaulted("deployments", Deployment.class);
        reported.setStatus(new DeploymentStatusBuilder().withReplicas(1).build());
        reported.getMetadata().setLabels(Map.of("new", "label"));
        assertThat(strategy("deployments").specChanged(reported, old)).isFalse();
    }

    @Test
    void dataStandsForTheSpecOfConfigMapsAndSecrets() {
        ConfigMap old = defaulted("configmaps", ConfigMap.class);
        ConfigMap changed = defaulted("configmaps", ConfigMap.class);
        changed.setData(Map.of("k", "v2"));
        assertThat(strategy("configmaps").specChanged(changed, old)).isTrue();
        changed.setData(Map.of("k", "v"));
        changed.setBinaryData(Map.of("b", "AA=="));
        assertThat(strategy("configmaps").specChanged(changed, old)).isTrue();
        Secret secret = defaulted("secrets", Secret.class);
        Secret rotated = defaulted("secrets", Secret.class);
        rotated.setData(Map.of("password", "bmV3"));
        assertThat(strategy("secrets").specChanged(rotated, secret)).isTrue();
    }

    @Test
    void typesWithoutSpecNeverBumpTheGeneration() {
        Event old = defaulted("events", Event.class);
        Event changed = defaulted("events", Event.class);
        changed.setCount(2);
        assertThat(strategy("events").specChanged(changed, old)).isFalse();
    }

    @Test
    void podSelectableFields() {
        Pod pod = defaulted("pods", Pod.class);
        pod.getSpec().setNodeName("node-1");
        pod.getStatus().setPodIP("10.244.0.5");
        assertThat(strategy("pods").selectableFields(pod)).containsOnly(
                entry("metadata.name", "web"),
                entry("metadata.namespace", "default"),
                entry("spec.nodeName", "node-1"),
                entry("spec.restartPolicy", "Always"),
                entry("spec.schedulerName", "default-scheduler"),
                entry("spec.serviceAccountName", "default"),
                entry("spec.hostNetwork", "false"),
                entry("status.phase", "Pending"),
                entry("status.podIP", "10.244.0.5"),
                entry("status.nominatedNodeName", ""));
    }

    @Test
    void eventSelectableFields() {
        Event event = defaulted("events", Event.class);
        event.getInvolvedObject().setUid("u1");
        event.setType("Normal");
        event.setSource(new EventSource("default-scheduler", null));
        assertThat(strategy("events").selectableFields(event)).containsOnly(
                entry("metadata.name", "web.1"),
                entry("metadata.namespace", "default"),
                entry("involvedObject.kind", "Pod"),
                entry("involvedObject.namespace", "default"),
                entry("involvedObject.name", "web"),
                entry("involvedObject.uid", "u1"),
                entry("involvedObject.apiVersion", ""),
                entry("involvedObject.resourceVersion", ""),
                entry("involvedObject.fieldPath", ""),
                entry("reason", "Scheduled"),
                entry("reportingComponent", ""),
                entry("source", "default-scheduler"),
                entry("type", "Normal"));
        event.setSource(null);
        event.setReportingComponent("skiff-scheduler");
        assertThat(strategy("events").selectableFields(event)).contains(entry("source", "skiff-scheduler"));
    }

    @Test
    void otherSelectableFields() {
        assertThat(strategy("secrets").selectableFields(defaulted("secrets", Secret.class))).containsOnly(
                entry("metadata.name", "creds"), entry("metadata.namespace", "default"), entry("type", "Opaque"));
        Node node = defaulted("nodes", Node.class);
        assertThat(strategy("nodes").selectableFields(node)).containsOnly(
                entry("metadata.name", "node-1"), entry("metadata.namespace", ""), entry("spec.unschedulable",
                        "false"));
        assertThat(strategy("namespaces").selectableFields(defaulted("namespaces", Namespace.class))).containsOnly(
                entry("metadata.name", "team-a"), entry("metadata.namespace", ""), entry("status.phase", "Active"));
        assertThat(strategy("replicasets").selectableFields(defaulted("replicasets", ReplicaSet.class)))
                .contains(entry("status.replicas", "0"));
        assertThat(strategy("services").selectableFields(defaulted("services", Service.class)))
                .contains(entry("spec.type", "ClusterIP"), entry("spec.clusterIP", ""));
        assertThat(strategy("deployments").selectableFields(defaulted("deployments", Deployment.class)))
                .containsOnlyKeys("metadata.name", "metadata.namespace");
    }
}
