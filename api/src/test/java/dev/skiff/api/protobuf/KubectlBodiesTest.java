package dev.skiff.api.protobuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decodes request bodies captured from real kubectl runs and compares them with the JSON the same
 * command prints with {@code --dry-run=client -o json}: the decoded tree must equal it exactly.
 * See src/test/resources/protobuf/README.md for how they were captured.
 */
class KubectlBodiesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "namespace", "namespace-save-config",
            "configmap", "configmap-binary",
            "secret", "secret-typed", "secret-docker-registry", "serviceaccount",
            "service-clusterip", "service-nodeport", "service-loadbalancer", "service-headless",
            "service-externalname",
            "deployment", "deployment-port", "deployment-two-images",
            "job", "job-from-cronjob",
            "hpa-v1"})
    void decodesLikeTheJsonForm(String capture) {
        assertThat(ProtobufDecoder.decode(body(capture))).isEqualTo(json(capture));
    }

    /**
     * HorizontalPodAutoscalerStatus.currentMetrics has no omitempty, so Go writes its nil slice as
     * null in JSON; protobuf cannot tell a nil list from an empty one, so the decoder leaves it out.
     */
    @Test
    void autoscalingV2OmitsTheNullListJsonWouldCarry() {
        ObjectNode expected = json("hpa-v2");
        assertThat(expected.at("/status/currentMetrics").isNull()).isTrue();
        expected.withObjectProperty("status").remove("currentMetrics");

        assertThat(ProtobufDecoder.decode(body("hpa-v2"))).isEqualTo(expected);
    }

    @Test
    void keepsExplicitZerosOfPointerFieldsAndDropsOmitemptyZeros() {
        ObjectNode deployment = ProtobufDecoder.decode(body("deployment-port"));

        assertThat(deployment.at("/spec/replicas").intValue()).isZero();
        assertThat(deployment.at("/metadata").has("generation")).isFalse();
        assertThat(deployment.at("/metadata").has("namespace")).isFalse();
        assertThat(deployment.at("/spec").has("minReadySeconds")).isFalse();
    }

    private static byte[] body(String capture) {
        try (InputStream in = resource(capture + ".pb")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode json(String capture) {
        try (InputStream in = resource(capture + ".json")) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = KubectlBodiesTest.class.getResourceAsStream("/protobuf/" + name);
        assertThat(in).as(name).isNotNull();
        return in;
    }
}
