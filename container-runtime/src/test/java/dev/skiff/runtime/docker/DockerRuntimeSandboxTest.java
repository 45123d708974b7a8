package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.skiff.runtime.Container.ContainerState;
import dev.skiff.runtime.ExecResult;
import dev.skiff.runtime.PortMapping;
import dev.skiff.runtime.Sandbox.SandboxState;
import dev.skiff.runtime.Sandbox;
import dev.skiff.runtime.SandboxConfig;
import dev.skiff.runtime.testing.DockerEngine;
import dev.skiff.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DockerRuntimeSandboxTest {

    private static final String SERVE_ON_8080 =
            "mkdir -p /tmp/www && echo hello-from-the-pod > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www";

    private static RuntimeFixture fixture;
    private static DockerRuntime runtime;

    @BeforeAll
    static void start() {
        fixture = new RuntimeFixture();
        runtime = fixture.runtime;
    }

    @AfterEach
    void cleanUp() {
        fixture.cleanUp();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aSandboxGetsAnIpAndItsContainersShareLocalhostAndTheHostname() {
        String sandboxId = runtime.runPodSandbox(fixture.sandboxConfig("web-0", fixture.labels("app", "web")));

        assertThat(runtime.listPodSandboxes(fixture.runLabels)).singleElement().satisfies(sandbox -> {
            assertThat(sandbox.id()).isEqualTo(sandboxId);
            assertThat(sandbox.state()).isEqualTo(SandboxState.READY);
            assertThat(sandbox.ip()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThat(sandbox.createdAt()).isNotNull();
            assertThat(sandbox.labels()).isEqualTo(fixture.labels("app", "web"));
        });

        fixture.start(sandboxId, fixture.shell("server", SERVE_ON_8080));
        String client = fixture.start(sandboxId, fixture.config("client", List.of("sleep", "300")));

        await("the client reaches the server on localhost").atMost(RuntimeFixture.DEADLINE).untilAsserted(() -> {
            ExecResult fetched = runtime.exec(client, List.of("wget", "-q", "-O", "-", "http://localhost:8080/"), Duration.ofSeconds(5));
            assertThat(fetched.exitCode()).isZero();
            assertThat(fetched.output()).isEqualTo("hello-from-the-pod\n");
        });
        assertThat(runtime.exec(client, List.of("hostname"), Duration.ofSeconds(5)).output()).isEqualTo("web-0\n");
    }

    @Test
    void aHostPortAnswersOnTheHost() throws IOException {
        int hostPort = FreePorts.one();
        String sandboxId = runtime.runPodSandbox(fixture.sandboxConfig("published", fixture.runLabels,
                new PortMapping("TCP", 8080, hostPort, "")));
        fixture.start(sandboxId, fixture.shell("server", SERVE_ON_8080));

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + "/"))
                .timeout(Duration.ofSeconds(2))
                .build();
        await("HTTP on 127.0.0.1:" + hostPort).atMost(RuntimeFixture.DEADLINE).ignoreExceptions().untilAsserted(() -> {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello-from-the-pod\n");
        });
    }

    @Test
    void aHostNetworkSandboxHasNoIpOfItsOwnAndItsContainersSeeTheHostsInterfaces() {
        SandboxConfig config = new SandboxConfig("test", "host-net", "uid-host-net", 0, "ignored", true,
                List.of(new PortMapping("TCP", 80, 18080, "")), fixture.runLabels);
        String sandboxId = runtime.runPodSandbox(config);

        assertThat(runtime.listPodSandboxes(fixture.runLabels)).singleElement().satisfies(sandbox -> {
            assertThat(sandbox.state()).isEqualTo(SandboxState.READY);
            assertThat(sandbox.ip()).isEmpty();
        });
        String client = fixture.start(sandboxId, fixture.config("client", List.of("sleep", "300")));
        ExecResult links = runtime.exec(client, List.of("ip", "link"), Duration.ofSeconds(5));
        assertThat(links.exitCode()).isZero();
        assertThat(links.output()).contains("docker0");
    }

    @Test
    void stoppingASandboxStopsItsContainersAndRemovingItRemovesThem() {
        String sandboxId = fixture.sandbox("doomed");
        String containerId = fixture.start(sandboxId, fixture.config("sleeper", List.of("sleep", "300")));

        runtime.stopPodSandbox(sandboxId);

        assertThat(runtime.listPodSandboxes(fixture.runLabels)).singleElement().satisfies(sandbox -> {
            assertThat(sandbox.state()).isEqualTo(SandboxState.NOT_READY);
            assertThat(sandbox.ip()).isEmpty();
        });
        assertThat(runtime.container(containerId).orElseThrow().state()).isEqualTo(ContainerState.EXITED);
        try (DockerClient docker = DockerEngine.client()) {
            assertThat(docker.inspectContainerCmd(sandboxId).exec().getState().getExitCodeLong())
                    .as("the pause process exits on SIGTERM instead of being killed").isZero();
        } catch (IOException e) {
            throw new AssertionError(e);
        }

        runtime.stopPodSandbox(sandboxId);
        runtime.removePodSandbox(sandboxId);

        assertThat(runtime.listPodSandboxes(fixture.runLabels)).isEmpty();
        assertThat(runtime.container(containerId)).isEmpty();
        runtime.removePodSandbox(sandboxId);
        runtime.stopPodSandbox(sandboxId);
    }

    @Test
    void sandboxesAreListedByAllTheirLabelsAndNotAsContainers() {
        String a = runtime.runPodSandbox(fixture.sandboxConfig("a", fixture.labels("app", "a", "tier", "front")));
        String b = runtime.runPodSandbox(fixture.sandboxConfig("b", fixture.labels("app", "b", "tier", "front")));
        runtime.stopPodSandbox(b);

        assertThat(runtime.listPodSandboxes(fixture.labels("app", "a"))).extracting(Sandbox::id).containsExactly(a);
        assertThat(runtime.listPodSandboxes(fixture.labels("tier", "front"))).extracting(Sandbox::id).containsExactlyInAnyOrder(a, b);
        assertThat(runtime.listPodSandboxes(fixture.labels("app", "a", "tier", "back"))).isEmpty();
        assertThat(runtime.listContainers(fixture.runLabels)).isEmpty();
    }

    @Test
    void aContainerNeedsAnExistingSandboxAndLabelsOutsideTheRuntimesNamespace() {
        assertThatThrownBy(() -> runtime.createContainer("no-such-sandbox", fixture.config("c", List.of("true"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-sandbox");
        assertThatThrownBy(() -> runtime.runPodSandbox(fixture.sandboxConfig("reserved", Map.of(Labels.TYPE, "mine"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Labels.TYPE);
    }
}
