package dev.skiff.api.validation;

import dev.skiff.api.defaults.PodDefaults;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.skiff.api.validation.TestObjects.read;
import static dev.skiff.api.validation.TestObjects.render;
import static org.assertj.core.api.Assertions.assertThat;

/** The less common pod spec rules, each with a pod that follows it and one that breaks it. */
class PodSpecValidationTest {

    /** The errors of a defaulted pod whose spec is {@code spec} (YAML, containers included). */
    private static List<String> errors(String spec) {
        Pod pod = read("metadata: {name: web, namespace: default}\nspec:\n" + spec.indent(2), Pod.class);
        PodDefaults.apply(pod);
        return render(PodSpecValidation.validate(pod.getSpec(), "spec", true));
    }

    private static final String APP = "containers: [{name: app, image: nginx}]\n";

    @Test
    void dnsConfig() {
        assertThat(errors(APP + "dnsPolicy: None\ndnsConfig: {nameservers: [1.1.1.1], searches: [example.com.]}")).isEmpty();
        assertThat(errors(APP + "dnsPolicy: None\ndnsConfig: {searches: [example.com]}")).containsExactly(
                "spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None");
        assertThat(errors(APP + "dnsConfig: {nameservers: [1.1.1.1, 1.0.0.1, 8.8.8.8, 9.9.9.9], options: [{value: '2'}]}"))
                .containsExactly("spec.dnsConfig.nameservers: Invalid value: []string{\"1.1.1.1\", \"1.0.0.1\", \"8.8.8.8\", "
                                + "\"9.9.9.9\"}: must not have more than 3 nameservers",
                        "spec.dnsConfig.options[0]: Required value: must not be empty");
        assertThat(errors(APP + "dnsConfig: {searches: [Bad_Domain]}")).singleElement().asString()
                .startsWith("spec.dnsConfig.searches[0]: Invalid value: \"Bad_Domain\"");
    }

    @Test
    void hostAliases() {
        assertThat(errors(APP + "hostAliases: [{ip: 10.0.0.1, hostnames: [db.local]}]")).isEmpty();
        assertThat(errors(APP + "hostAliases: [{ip: db, hostnames: [Db]}]")).satisfiesExactly(
                e -> assertThat(e).isEqualTo("spec.hostAliases[0].ip: Invalid value: \"db\": must be a valid IP address, "
                        + "(e.g. 10.9.8.7 or 2001:db8::ffff)"),
                e -> assertThat(e).startsWith("spec.hostAliases[0].hostnames[0]: Invalid value: \"Db\""));
    }

    @Test
    void gates() {
        assertThat(errors(APP + "schedulingGates: [{name: example.com/quota}]\nreadinessGates: [{conditionType: x.io/ready}]"))
                .isEmpty();
        assertThat(errors(APP + "schedulingGates: [{name: a}, {name: a}]"))
                .containsExactly("spec.schedulingGates[1]: Duplicate value: \"a\"");
        assertThat(errors(APP + "readinessGates: [{conditionType: 'not ready'}]")).singleElement().asString()
                .startsWith("spec.readinessGates[0].conditionType: Invalid value: \"not ready\"");
    }

    @Test
    void namesOfOtherObjects() {
        assertThat(errors(APP + "serviceAccountName: builder\nhostname: web-0\nsubdomain: web\npriorityClassName: high"))
                .isEmpty();
        assertThat(errors(APP + "serviceAccountName: Builder")).singleElement().asString()
                .startsWith("spec.serviceAccountName: Invalid value: \"Builder\"");
        assertThat(errors(APP + "hostname: web.0")).containsExactly("spec.hostname: Invalid value: \"web.0\": must not contain dots");
        assertThat(errors(APP + "preemptionPolicy: Sometimes")).containsExactly("spec.preemptionPolicy: Unsupported value: "
                + "\"Sometimes\": supported values: \"PreemptLowerPriority\", \"Never\"");
    }

    @Test
    void nodeSelectorsAreLabels() {
        assertThat(errors(APP + "nodeSelector: {kubernetes.io/os: linux}")).isEmpty();
        assertThat(errors(APP + "nodeSelector: {disk: 'fast ssd'}")).singleElement().asString()
                .startsWith("spec.nodeSelector: Invalid value: \"fast ssd\"");
    }

    @Test
    void volumeSources() {
        assertThat(errors(APP + "volumes: [{name: a, hostPath: {path: /var/log}}, {name: b, secret: {secretName: s}}, "
                + "{name: c, configMap: {name: c}}, {name: d, persistentVolumeClaim: {claimName: d}}]")).isEmpty();
        assertThat(errors(APP + "volumes: [{name: a, hostPath: {path: /var/../etc}}, {name: b, secret: {defaultMode: 1024}}, "
                + "{name: c, configMap: {}}, {name: d, persistentVolumeClaim: {}}]")).containsExactly(
                "spec.volumes[0].hostPath.path: Invalid value: \"/var/../etc\": must not contain '..'",
                "spec.volumes[1].secret.secretName: Required value",
                "spec.volumes[1].secret.defaultMode: Invalid value: 1024: must be a number between 0 and 0777 (octal), both inclusive",
                "spec.volumes[2].configMap.name: Required value",
                "spec.volumes[3].persistentVolumeClaim.claimName: Required value");
        assertThat(errors(APP + "volumes: [{name: a}, {name: a}]")).containsExactly("spec.volumes[1].name: Duplicate value: \"a\"");
    }

    @Test
    void mountPaths() {
        String volume = "volumes: [{name: data}]\n";
        assertThat(errors(volume + "containers: [{name: app, image: nginx, volumeMounts: [{name: data, mountPath: /a, "
                + "subPath: logs}]}]")).isEmpty();
        assertThat(errors(volume + "containers: [{name: app, image: nginx, volumeMounts: [{name: data, mountPath: /a, "
                + "subPath: /logs}, {name: data, mountPath: /a, subPath: ../x}]}]")).containsExactly(
                "spec.containers[0].volumeMounts.subPath: Invalid value: \"/logs\": must be a relative path",
                "spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/a\": must be unique",
                "spec.containers[0].volumeMounts.subPath: Invalid value: \"../x\": must not contain '..'");
    }

    @Test
    void environmentFromConfigMapsAndSecrets() {
        assertThat(errors("containers: [{name: app, image: nginx, envFrom: [{prefix: APP_, configMapRef: {name: conf}}]}]"))
                .isEmpty();
        assertThat(errors("containers: [{name: app, image: nginx, envFrom: [{prefix: 'A=', secretRef: {name: Creds}}, {}]}]"))
                .satisfiesExactly(
                        e -> assertThat(e).startsWith("spec.containers[0].envFrom[0].prefix: Invalid value: \"A=\""),
                        e -> assertThat(e).startsWith("spec.containers[0].envFrom[0].secretRef.name: Invalid value: \"Creds\""),
                        e -> assertThat(e).isEqualTo("spec.containers[0].envFrom: Invalid value: \"\": must specify one of: "
                                + "`configMapRef` or `secretRef`"));
        assertThat(errors("containers: [{name: app, image: nginx, env: [{name: K, valueFrom: {configMapKeyRef: "
                + "{name: conf, key: 'a/b'}}}, {name: C, valueFrom: {resourceFieldRef: {resource: limits.gpu}}}]}]")).satisfiesExactly(
                e -> assertThat(e).startsWith("spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Invalid value: \"a/b\""),
                e -> assertThat(e).startsWith("spec.containers[0].env[1].valueFrom.resourceFieldRef.resource: "
                        + "Unsupported value: \"limits.gpu\""));
    }

    @Test
    void handlers() {
        assertThat(errors("containers: [{name: app, image: nginx, lifecycle: {preStop: {sleep: {seconds: 5}}}}]")).isEmpty();
        assertThat(errors("containers: [{name: app, image: nginx, lifecycle: {preStop: {sleep: {seconds: 60}}}}]"))
                .containsExactly("spec.containers[0].lifecycle.preStop.sleep: Invalid value: 60: must be non-negative and "
                        + "less than terminationGracePeriodSeconds (30)");
        assertThat(errors("containers: [{name: app, image: nginx, livenessProbe: {exec: {command: [true]}, "
                + "tcpSocket: {port: 80}}}]")).containsExactly(
                "spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type");
        assertThat(errors("containers: [{name: app, image: nginx, startupProbe: {exec: {}, periodSeconds: -1}}]"))
                .containsExactly("spec.containers[0].startupProbe.exec.command: Required value",
                        "spec.containers[0].startupProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0");
        assertThat(errors("containers: [{name: app, image: nginx, readinessProbe: {httpGet: {port: 80, scheme: FTP, "
                + "httpHeaders: [{name: 'X Bad', value: v}]}}}]")).satisfiesExactly(
                e -> assertThat(e).isEqualTo("spec.containers[0].readinessProbe.httpGet.scheme: Unsupported value: \"FTP\": "
                        + "supported values: \"HTTP\", \"HTTPS\""),
                e -> assertThat(e).startsWith("spec.containers[0].readinessProbe.httpGet.httpHeaders: Invalid value: "
                        + "\"X Bad\": a valid HTTP header must consist of alphanumeric characters or '-'"));
    }

    @Test
    void regularContainersHaveNoRestartPolicy() {
        assertThat(errors("containers: [{name: app, image: nginx, restartPolicy: Always}]"))
                .containsExactly("spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers");
        assertThat(errors(APP + "initContainers: [{name: init, image: busybox, restartPolicy: Never}]"))
                .containsExactly("spec.initContainers[0].restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
    }

    @Test
    void hugePagesAndExtendedResourcesRequestTheirLimit() {
        assertThat(errors("containers: [{name: app, image: nginx, resources: {limits: {example.com/gpu: '1'}}}]")).isEmpty();
        assertThat(errors("containers: [{name: app, image: nginx, resources: {limits: {example.com/gpu: '2'}, "
                + "requests: {example.com/gpu: '1'}}}]")).containsExactly(
                "spec.containers[0].resources.requests: Invalid value: \"1\": must be equal to example.com/gpu limit of 2");
        assertThat(errors("containers: [{name: app, image: nginx, resources: {requests: {example.com/gpu: '1'}}}]"))
                .containsExactly("spec.containers[0].resources.limits: Required value: Limit must be set for non "
                        + "overcommitable resources");
        assertThat(errors("containers: [{name: app, image: nginx, resources: {requests: {cpu: lots}}}]"))
                .containsExactly("spec.containers[0].resources.requests[cpu]: Invalid value: \"lots\": quantities must "
                        + "match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }
}
