package dev.skiff.apiserver.e2e;

import dev.skiff.apiserver.relay.KafkaBackbone;
import dev.skiff.testing.Kubectl;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** kubectl changes objects; kcat, a Kafka client no one here wrote, reads exactly those changes back. */
@QuarkusTest
@TestProfile(KafkaBackbone.class)
class KcatEndToEndTest {

    @TestHTTPResource("/")
    URI base;

    @TempDir
    Path dir;

    @BeforeEach
    void relayFollowsTheStore() {
        KafkaBackbone.awaitRelayFollowing();
    }

    @Test
    void kcatReadsWhatKubectlDid() throws Exception {
        try (Kubectl kubectl = Kubectl.forServer("http://" + base.getHost() + ":" + base.getPort())) {
            for (String[] args : List.of(
                    new String[] {"create", "configmap", "kcat-seen", "--from-literal=step=1"},
                    new String[] {"label", "configmap", "kcat-seen", "step=two"},
                    new String[] {"annotate", "configmap", "kcat-seen", "note=three"},
                    new String[] {"delete", "configmap", "kcat-seen"})) {
                Kubectl.Result r = kubectl.run(args);
                assertThat(r.exitCode()).as(r.toString()).isZero();
            }
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            // distinct: a re-sent record (same resourceVersion) counts once, as consumers de-duplicate
            List<String> changes = kcat("skiff.core.configmaps").stream()
                    .filter(l -> l.startsWith("default/kcat-seen ")).distinct()
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
            assertThat(changes).containsExactly("ADDED", "MODIFIED", "MODIFIED", "DELETED", "tombstone");
        });
    }

    /** Every record of the topic as "key resourceVersion type" (type "tombstone" for a null value), read by kcat. */
    private List<String> kcat(String topic) throws Exception {
        Path out = dir.resolve("kcat.txt");
        Process p = new ProcessBuilder("kcat", "-b", KafkaBackbone.Broker.bootstrapServers, "-C", "-t", topic,
                "-o", "beginning", "-e", "-q", "-f", "%k %S %h\\n")
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kcat did not finish within 30 s");
        }
        return Files.readAllLines(out).stream().map(KcatEndToEndTest::change).toList();
    }

    /** "key 123 resourceVersion=7,kind=ConfigMap,type=ADDED,…" becomes "key 7 ADDED"; a size of -1 is a tombstone. */
    private static String change(String line) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 3) {
            return line;
        }
        String rv = "";
        String type = "";
        for (String header : parts[2].split(",")) {
            if (header.startsWith("resourceVersion=")) {
                rv = header.substring("resourceVersion=".length());
            } else if (header.startsWith("type=")) {
                type = header.substring("type=".length());
            }
        }
        return parts[0] + " " + rv + " " + (parts[1].equals("-1") ? "tombstone" : type);
    }
}
