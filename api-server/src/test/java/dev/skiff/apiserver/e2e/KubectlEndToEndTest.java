package dev.skiff.apiserver.e2e;

import dev.skiff.testing.Kubectl;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real kubectl, oldest and newest supported builds and the one on the PATH, driving the
 * api-server through a user's everyday commands.
 */
@QuarkusTest
class KubectlEndToEndTest {

    @TestHTTPResource("/")
    URI base;

    @TempDir
    Path dir;

    private Kubectl kubectl;
    private String ns;

    @AfterEach
    void closeKubectl() throws IOException {
        if (kubectl != null) {
            kubectl.close();
        }
    }

    private Kubectl.Result ok(String... args) throws Exception {
        Kubectl.Result r = kubectl.run(args);
        assertThat(r.exitCode()).as("kubectl %s\n%s", String.join(" ", args), r).isZero();
        return r;
    }

    private Kubectl.Result fails(String... args) throws Exception {
        Kubectl.Result r = kubectl.run(args);
        assertThat(r.exitCode()).as("kubectl %s should fail\n%s", String.join(" ", args), r).isNotZero();
        return r;
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    /** kubectl sends these reviews as protobuf; Skiff, without authentication or authorization yet, allows everything. */
    @ParameterizedTest
    @ValueSource(strings = {"kubectl", "kubectl.1.27", "kubectl.1.33"})
    void authCommandsAnswerForTheAnonymousUser(String build) throws Exception {
        kubectl = Kubectl.forServer("http://" + base.getHost() + ":" + base.getPort(), build);

        assertThat(ok("auth", "can-i", "create", "pods").stdout().trim()).isEqualTo("yes");
        assertThat(ok("auth", "can-i", "delete", "deployments.apps", "--all-namespaces").stdout().trim()).isEqualTo("yes");
        assertThat(ok("auth", "can-i", "get", "/healthz").stdout().trim()).isEqualTo("yes");
        assertThat(ok("auth", "can-i", "--list", "-n", "default").stdout().lines())
                .anyMatch(l -> l.matches("\\*\\.\\*\\s+\\[]\\s+\\[]\\s+\\[\\*]"));
        if (build.equals("kubectl.1.27")) {
            // kubectl 1.27 asks for authentication.k8s.io v1alpha1 or v1beta1 only; Skiff serves v1 (1.28+)
            assertThat(fails("auth", "whoami").stderr()).contains("selfsubjectreviews API is not enabled");
        } else {
            assertThat(ok("auth", "whoami").stdout()).containsPattern("Username\\s+system:anonymous")
                    .containsPattern("Groups\\s+\\[system:unauthenticated]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubectl", "kubectl.1.27", "kubectl.1.33"})
    void everydayCommands(String build) throws Exception {
        String server = "http://" + base.getHost() + ":" + base.getPort();
        kubectl = Kubectl.forServer(server, build);
        ns = "e2e-" + build.replace("kubectl", "v").replace(".", "-").replace("v-", "v");

        assertThat(ok("cluster-info").stdout()).contains("is running at").contains(server);
        assertThat(ok("version").stdout()).contains("Server Version");
        assertThat(ok("api-resources").stdout().lines())
                .anyMatch(l -> l.matches("pods\\s+po\\s+v1\\s+true\\s+Pod"))
                .anyMatch(l -> l.matches("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment"))
                .anyMatch(l -> l.matches("jobs\\s+batch/v1\\s+true\\s+Job"))
                .anyMatch(l -> l.matches("cronjobs\\s+cj\\s+batch/v1\\s+true\\s+CronJob"));
        ok("create", "namespace", ns);

        Path pod = file("pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  labels: {app: web}
                spec:
                  containers:
                  - name: main
                    image: skiff.local/busybox:1
                """);
        assertThat(ok("-n", ns, "create", "-f", pod.toString()).stdout()).contains("pod/web created");
        assertThat(ok("-n", ns, "get", "pods").stdout()).contains("NAME").contains("STATUS").contains("web").contains("Pending");
        assertThat(ok("-n", ns, "get", "pod", "web", "-o", "wide").stdout()).contains("NODE").contains("IP");
        assertThat(ok("-n", ns, "get", "pod", "web", "-o", "yaml").stdout()).contains("name: web").contains("restartPolicy: Always");
        assertThat(ok("-n", ns, "get", "pod", "web", "-o", "json").stdout()).contains("\"name\": \"web\"");
        assertThat(ok("-n", ns, "get", "po", "-o", "name").stdout().trim()).isEqualTo("pod/web");

        Path deploy = file("deploy.yaml", deployment("app: web", 2, "skiff.local/busybox:1"));
        assertThat(ok("-n", ns, "apply", "-f", deploy.toString()).stdout()).contains("deployment.apps/web created");
        file("deploy.yaml", deployment("app: web", 3, "skiff.local/busybox:2"));
        assertThat(ok("-n", ns, "apply", "-f", deploy.toString()).stdout()).contains("deployment.apps/web configured");
        assertThat(ok("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}")
                .stdout()).isEqualTo("3 skiff.local/busybox:2");

        assertThat(ok("-n", ns, "create", "job", "once", "--image=skiff.local/busybox:1", "--", "echo", "hi").stdout())
                .contains("job.batch/once created");
        assertThat(ok("-n", ns, "get", "jobs").stdout()).containsPattern("once\\s+Running\\s+0/1\\s+");
        assertThat(ok("-n", ns, "get", "job", "once", "-o", "jsonpath={.spec.template.spec.restartPolicy} {.spec.template.spec.containers[0].command}")
                .stdout()).isEqualTo("Never [\"echo\",\"hi\"]");

        assertThat(ok("-n", ns, "create", "cronjob", "nightly", "--image=skiff.local/busybox:1", "--schedule=0 3 * * *", "--",
                "echo", "hi").stdout()).contains("cronjob.batch/nightly created");
        assertThat(ok("-n", ns, "get", "cj").stdout()).containsPattern("nightly\\s+0 3 \\* \\* \\*\\s+<none>\\s+False\\s+0\\s+<none>");
        assertThat(ok("-n", ns, "create", "job", "by-hand", "--from=cronjob/nightly").stdout()).contains("job.batch/by-hand created");
        assertThat(ok("-n", ns, "get", "job", "by-hand", "-o", "jsonpath={.metadata.ownerReferences[0].kind} "
                + "{.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate}").stdout()).isEqualTo("CronJob manual");

        assertThat(ok("-n", ns, "label", "pod", "web", "tier=front").stdout()).contains("pod/web labeled");
        assertThat(ok("-n", ns, "annotate", "pod", "web", "note=hi").stdout()).contains("pod/web annotate"); // kubectl 1.27 prints "annotate", later ones "annotated"
        assertThat(ok("-n", ns, "get", "pod", "web", "-o", "jsonpath={.metadata.labels.tier} {.metadata.annotations.note}")
                .stdout()).isEqualTo("front hi");
        assertThat(ok("-n", ns, "get", "pods", "-l", "tier=front", "-o", "name").stdout().trim()).isEqualTo("pod/web");

        assertThat(ok("-n", ns, "scale", "deployment", "web", "--replicas=5").stdout()).contains("deployment.apps/web scaled");
        assertThat(ok("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").stdout()).isEqualTo("5");

        Path editor = file("editor.sh", "#!/bin/sh\nsed -i 's/note: hi/note: edited/' \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        Kubectl.Result edit = kubectl.run(Map.of("EDITOR", editor.toString(), "KUBE_EDITOR", editor.toString()),
                "-n", ns, "edit", "pod", "web");
        assertThat(edit.exitCode()).as(edit.toString()).isZero();
        assertThat(edit.stdout()).contains("pod/web edited");
        assertThat(ok("-n", ns, "get", "pod", "web", "-o", "jsonpath={.metadata.annotations.note}").stdout()).isEqualTo("edited");

        watchSeesALaterChange();
        staleReplaceIsAConflict();

        Kubectl.Result missing = fails("-n", ns, "get", "pod", "missing");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("NotFound").contains("pods \"missing\" not found");

        Path invalid = file("invalid.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: Bad_Name
                spec:
                  containers:
                  - name: main
                    image: skiff.local/busybox:1
                """);
        Kubectl.Result bad = fails("-n", ns, "create", "-f", invalid.toString());
        assertThat(bad.stderr()).contains("is invalid").contains("metadata.name");

        assertThat(ok("-n", ns, "delete", "pod", "web").stdout()).contains("pod \"web\" deleted");
        assertThat(ok("-n", ns, "get", "pods").stderr()).contains("No resources found");
    }

    private void watchSeesALaterChange() throws Exception {
        ok("-n", ns, "create", "configmap", "watched", "--from-literal=k=1");
        Path out = dir.resolve("watch.txt");
        Process watch = kubectl.start(Map.of(), out, "-n", ns, "get", "configmaps", "watched", "-w", "-o",
                "jsonpath={.data.k}{\"\\n\"}");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(out).contains("1"));
            ok("-n", ns, "patch", "configmap", "watched", "-p", "{\"data\":{\"k\":\"2\"}}");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(Files.readString(out).lines().toList()).contains("1", "2"));
        } finally {
            watch.destroy();
        }
    }

    private void staleReplaceIsAConflict() throws Exception {
        ok("-n", ns, "create", "configmap", "stale", "--from-literal=k=1");
        String yaml = ok("-n", ns, "get", "configmap", "stale", "-o", "yaml").stdout();
        ok("-n", ns, "label", "configmap", "stale", "changed=yes");
        Path old = file("stale.yaml", yaml.replace("k: \"1\"", "k: \"3\""));
        Kubectl.Result r = fails("-n", ns, "replace", "-f", old.toString());
        assertThat(r.stderr()).contains("Conflict").contains("the object has been modified");
    }

    /** Deployment web with these labels, replicas and image. */
    private static String deployment(String labels, int replicas, String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels: {%s}
                spec:
                  replicas: %d
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                      - name: main
                        image: %s
                """.formatted(labels, replicas, image);
    }

    /** Deployment web in NS with these labels and replicas, as a file. */
    private String deploymentManifest(String ns, String labels, int replicas) throws Exception {
        return file("web-" + replicas + "-" + labels.length() + ".yaml", deployment(labels, replicas, "skiff.local/demo:1")
                .replace("  name: web\n", "  name: web\n  namespace: " + ns + "\n")).toString();
    }

    /**
     * {@code kubectl apply --server-side}: the object is created and then merged into, the fields
     * it no longer applies go, another manager's changed field is a conflict until
     * {@code --force-conflicts}, and what other managers set stays theirs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"kubectl", "kubectl.1.27", "kubectl.1.33"})
    void serverSideApply(String build) throws Exception {
        kubectl = Kubectl.forServer("http://" + base.getHost() + ":" + base.getPort(), build);
        String ns = "ssa-" + build.replace("kubectl", "v").replace(".", "-").replace("v-", "v");
        ok("create", "namespace", ns);

        assertThat(ok("apply", "--server-side", "-f", deploymentManifest(ns, "app: web, tier: front", 2)).stdout())
                .contains("deployment.apps/web serverside-applied");
        assertThat(ok("-n", ns, "get", "deployment", "web", "-o", "yaml", "--show-managed-fields").stdout())
                .contains("manager: kubectl").contains("operation: Apply").contains("f:tier: {}");

        ok("-n", ns, "label", "deployment", "web", "owner=ops");
        ok("-n", ns, "scale", "deployment", "web", "--replicas=5");
        assertThat(ok("apply", "--server-side", "--dry-run=server", "-f", deploymentManifest(ns, "app: web", 5)).stdout())
                .contains("serverside-applied (server dry run)");
        assertThat(ok("-n", ns, "get", "deployment", "web", "-o", "jsonpath={.metadata.labels.tier}").stdout()).isEqualTo("front");

        // the label it no longer applies goes; the one kubectl label set is not its to remove
        ok("apply", "--server-side", "-f", deploymentManifest(ns, "app: web", 5));
        assertThat(ok("-n", ns, "get", "deployment", "web", "-o", "jsonpath={.metadata.labels}").stdout())
                .contains("\"owner\":\"ops\"").doesNotContain("tier");

        String conflict = fails("apply", "--server-side", "-f", deploymentManifest(ns, "app: web", 2)).stderr();
        // kubectl scale names no field manager: it is kubectl's User-Agent, an Update, not the Apply
        assertThat(conflict).contains("Apply failed with 1 conflict: conflict with \"" + build + "\" using apps/v1: .spec.replicas");
        assertThat(ok("-n", ns, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}").stdout()).isEqualTo("5");

        ok("apply", "--server-side", "--force-conflicts", "-f", deploymentManifest(ns, "app: web", 2));
        assertThat(ok("-n", ns, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}").stdout()).isEqualTo("2");
        assertThat(ok("apply", "--server-side", "-f", deploymentManifest(ns, "app: web", 2)).stdout())
                .as("the forced field is the applier's now").contains("serverside-applied");
    }
}
