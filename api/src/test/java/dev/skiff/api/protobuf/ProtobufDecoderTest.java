package dev.skiff.api.protobuf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.skiff.api.protobuf.ProtobufWriter.body;
import static dev.skiff.api.protobuf.ProtobufWriter.entry;
import static dev.skiff.api.protobuf.ProtobufWriter.objectMeta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bodies written field by field the way kubectl lays them out, and malformed ones. */
class ProtobufDecoderTest {

    @Test
    void namespaceWithEveryZeroFieldGoWrites() {
        ProtobufWriter metadata = new ProtobufWriter()
                .string(1, "foo").string(2, "").string(3, "").string(4, "").string(5, "").string(6, "")
                .varint(7, 0)
                .message(8, new ProtobufWriter());
        ProtobufWriter namespace = new ProtobufWriter()
                .message(1, metadata)
                .message(2, new ProtobufWriter())
                .message(3, new ProtobufWriter().string(1, ""));

        assertThat(ProtobufDecoder.decode(body("v1", "Namespace", namespace))).isEqualTo(json("""
                {"apiVersion": "v1", "kind": "Namespace",
                 "metadata": {"name": "foo", "creationTimestamp": null}, "spec": {}, "status": {}}"""));
    }

    @Test
    void configMapWithTwoKeys() {
        ProtobufWriter configMap = new ProtobufWriter()
                .message(1, objectMeta("settings"))
                .message(2, entry("color", "blue"))
                .message(2, entry("size", ""))
                .varint(4, 1);

        assertThat(ProtobufDecoder.decode(body("v1", "ConfigMap", configMap))).isEqualTo(json("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings", "creationTimestamp": null},
                 "data": {"color": "blue", "size": ""}, "immutable": true}"""));
    }

    @Test
    void secretDataBecomesBase64() {
        ProtobufWriter secret = new ProtobufWriter()
                .message(1, objectMeta("creds"))
                .message(2, new ProtobufWriter().string(1, "blob").bytes(2, new byte[] {0, 1, -2, -1}))
                .message(2, new ProtobufWriter().string(1, "user").bytes(2, "admin".getBytes(StandardCharsets.UTF_8)))
                .message(2, new ProtobufWriter().string(1, "empty"))
                .message(4, entry("token", "t0p"))
                .string(3, "Opaque");

        assertThat(ProtobufDecoder.decode(body("v1", "Secret", secret))).isEqualTo(json("""
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "creds", "creationTimestamp": null},
                 "data": {"blob": "AAH+/w==", "user": "YWRtaW4=", "empty": ""},
                 "stringData": {"token": "t0p"}, "type": "Opaque"}"""));
    }

    @Test
    void serviceTargetPortsAsNumberAndName() {
        ProtobufWriter spec = new ProtobufWriter()
                .message(1, servicePort("80-8080", 80, intOrString(0, 8080, "")))
                .message(1, servicePort("443-https", 443, intOrString(1, 0, "https")))
                .message(2, entry("app", "web"))
                .string(3, "")
                .string(4, "ClusterIP")
                .string(7, "");
        ProtobufWriter service = new ProtobufWriter()
                .message(1, objectMeta("web"))
                .message(2, spec)
                .message(3, new ProtobufWriter().message(1, new ProtobufWriter()));

        assertThat(ProtobufDecoder.decode(body("v1", "Service", service))).isEqualTo(json("""
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "creationTimestamp": null},
                 "spec": {"ports": [
                     {"name": "80-8080", "protocol": "TCP", "port": 80, "targetPort": 8080},
                     {"name": "443-https", "protocol": "TCP", "port": 443, "targetPort": "https"}],
                   "selector": {"app": "web"}, "type": "ClusterIP"},
                 "status": {"loadBalancer": {}}}"""));
    }

    @Test
    void deploymentLikeKubectlCreateDeployment() {
        ProtobufWriter labels = entry("app", "web");
        ProtobufWriter container = new ProtobufWriter()
                .string(1, "busybox")
                .string(2, "busybox")
                .string(5, "")
                .message(8, new ProtobufWriter())
                .string(13, "")
                .string(14, "")
                .varint(16, 0)
                .varint(17, 0)
                .varint(18, 0)
                .string(20, "");
        ProtobufWriter podSpec = new ProtobufWriter()
                .message(2, container)
                .string(3, "")
                .string(6, "")
                .string(8, "")
                .varint(11, 0);
        ProtobufWriter spec = new ProtobufWriter()
                .varint(1, 3)
                .message(2, new ProtobufWriter().message(1, labels))
                .message(3, new ProtobufWriter()
                        .message(1, new ProtobufWriter().message(8, new ProtobufWriter()).message(11, labels))
                        .message(2, podSpec))
                .message(4, new ProtobufWriter().string(1, ""))
                .varint(5, 0)
                .varint(7, 0);
        ProtobufWriter deployment = new ProtobufWriter()
                .message(1, objectMeta("web").message(11, labels))
                .message(2, spec)
                .message(3, new ProtobufWriter().varint(1, 0).varint(2, 0));

        assertThat(ProtobufDecoder.decode(body("apps/v1", "Deployment", deployment))).isEqualTo(json("""
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "web", "creationTimestamp": null, "labels": {"app": "web"}},
                 "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
                   "template": {"metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
                     "spec": {"containers": [{"name": "busybox", "image": "busybox", "resources": {}}]}},
                   "strategy": {}},
                 "status": {}}"""));
    }

    @Test
    void deploymentStrategySelectorAndPointerFields() {
        ProtobufWriter rollingUpdate = new ProtobufWriter()
                .message(1, intOrString(0, 0, ""))
                .message(2, intOrString(1, 0, "25%"));
        ProtobufWriter selector = new ProtobufWriter()
                .message(2, new ProtobufWriter().string(1, "tier").string(2, "In").string(3, "web").string(3, "api"));
        ProtobufWriter spec = new ProtobufWriter()
                .varint(1, 0)
                .message(2, selector)
                .message(4, new ProtobufWriter().string(1, "RollingUpdate").message(2, rollingUpdate))
                .varint(5, 10)
                .varint(6, 0)
                .varint(7, 1)
                .varint(9, 600);

        assertThat(ProtobufDecoder.decode(body("apps/v1", "Deployment", new ProtobufWriter().message(2, spec))))
                .isEqualTo(json("""
                        {"apiVersion": "apps/v1", "kind": "Deployment",
                         "spec": {"replicas": 0,
                           "selector": {"matchExpressions": [
                             {"key": "tier", "operator": "In", "values": ["web", "api"]}]},
                           "strategy": {"type": "RollingUpdate",
                             "rollingUpdate": {"maxUnavailable": 0, "maxSurge": "25%"}},
                           "minReadySeconds": 10, "revisionHistoryLimit": 0, "paused": true,
                           "progressDeadlineSeconds": 600}}"""));
    }

    @Test
    void timesAreRfc3339ToTheSecondInUtc() {
        ProtobufWriter metadata = objectMeta("web")
                .message(8, new ProtobufWriter().varint(1, 1_700_000_000L).varint(2, 999_999_999))
                .message(9, new ProtobufWriter().varint(1, 0).varint(2, 0))
                .varint(10, 30)
                .varint(7, 1L << 40);

        assertThat(ProtobufDecoder.decode(body("v1", "ConfigMap", new ProtobufWriter().message(1, metadata))))
                .isEqualTo(json("""
                        {"apiVersion": "v1", "kind": "ConfigMap",
                         "metadata": {"name": "web", "creationTimestamp": "2023-11-14T22:13:20Z",
                           "deletionTimestamp": "1970-01-01T00:00:00Z", "deletionGracePeriodSeconds": 30,
                           "generation": 1099511627776}}"""));
    }

    @Test
    void rejectsTimesOutOfRange() {
        ProtobufWriter metadata = objectMeta("web").message(8, new ProtobufWriter().varint(1, Long.MAX_VALUE));
        byte[] body = body("v1", "ConfigMap", new ProtobufWriter().message(1, metadata));

        assertThatThrownBy(() -> ProtobufDecoder.decode(body))
                .hasMessageStartingWith("malformed protobuf body: time out of range at byte ");
    }

    @Test
    void skipsUnknownFieldsOfEveryWireType() {
        ProtobufWriter configMap = new ProtobufWriter()
                .varint(90, 7)
                .fixed64(91, 8)
                .message(1, objectMeta("settings").string(99, "from a newer client").fixed32(98, 1))
                .fixed32(92, 9)
                .message(93, new ProtobufWriter().string(1, "nested"))
                .message(2, entry("k", "v").varint(3, 1));

        assertThat(ProtobufDecoder.decode(body("v1", "ConfigMap", configMap))).isEqualTo(json("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings", "creationTimestamp": null},
                 "data": {"k": "v"}}"""));
    }

    @Test
    void repeatedOccurrencesFollowProtobufRules() {
        ProtobufWriter configMap = new ProtobufWriter()
                .message(1, new ProtobufWriter().string(1, "first").string(3, "ns"))
                .message(1, new ProtobufWriter().string(1, "second").string(3, ""))
                .message(2, entry("k", "old"))
                .message(2, entry("k", "new"));

        assertThat(ProtobufDecoder.decode(body("v1", "ConfigMap", configMap))).isEqualTo(json("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "second"}, "data": {"k": "new"}}"""));
    }

    @Test
    void rejectsBodiesWithoutTheMagic() {
        assertThatThrownBy(() -> ProtobufDecoder.decode("{\"kind\":\"Namespace\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessage("not a Kubernetes protobuf body: it does not start with the magic k8s\\0");
        assertThatThrownBy(() -> ProtobufDecoder.decode(new byte[] {'k', '8', 's'}))
                .isInstanceOf(ProtobufDecodingException.class);
    }

    @Test
    void rejectsKindsWithoutSchema() {
        byte[] body = body("apps/v1", "Foo", new ProtobufWriter().message(1, objectMeta("x")));

        assertThatThrownBy(() -> ProtobufDecoder.decode(body))
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessage("protobuf encoding of apps/v1 Foo is not supported; send JSON");
    }

    @Test
    void rejectsAnEnvelopeWithoutType() {
        byte[] body = ProtobufWriter.withMagic(new ProtobufWriter().bytes(2, new byte[0]).toByteArray());

        assertThatThrownBy(() -> ProtobufDecoder.decode(body))
                .hasMessage("protobuf body does not name the apiVersion and kind of its object");
    }

    @Test
    void rejectsCompressedObjects() {
        byte[] body = ProtobufWriter.withMagic(new ProtobufWriter()
                .message(1, new ProtobufWriter().string(1, "v1").string(2, "Namespace"))
                .bytes(2, new byte[] {1, 2, 3})
                .string(3, "gzip")
                .toByteArray());

        assertThatThrownBy(() -> ProtobufDecoder.decode(body))
                .hasMessage("protobuf bodies with content encoding gzip are not supported;"
                        + " send the object uncompressed");
    }

    @Test
    void rejectsTruncatedBodies() {
        byte[] whole = body("v1", "Namespace", new ProtobufWriter().message(1, objectMeta("foo")));
        byte[] cutInTheObject = Arrays.copyOf(whole, whole.length - 6);
        byte[] cutAfterATag = Arrays.copyOf(whole, whole.length - 3);

        assertThatThrownBy(() -> ProtobufDecoder.decode(cutInTheObject))
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessageMatching("malformed protobuf body: length \\d+ runs past the end of its message"
                        + " at byte \\d+");
        assertThatThrownBy(() -> ProtobufDecoder.decode(cutAfterATag))
                .hasMessage("malformed protobuf body: truncated varint at byte " + (whole.length - 3));
    }

    @Test
    void rejectsFieldsOfTheWrongWireType() {
        byte[] body = body("apps/v1", "Deployment", new ProtobufWriter()
                .message(2, new ProtobufWriter().string(1, "three")));

        assertThatThrownBy(() -> ProtobufDecoder.decode(body))
                .hasMessageStartingWith("malformed protobuf body: field 1 (replicas) of DeploymentSpec has wire type 2,"
                        + " expected 0 at byte ");
    }

    @Test
    void rejectsAnIntOrStringOfUnknownType() {
        byte[] body = body("v1", "Service", new ProtobufWriter()
                .message(2, new ProtobufWriter().message(1, servicePort("p", 80, intOrString(2, 0, "")))));

        assertThatThrownBy(() -> ProtobufDecoder.decode(body))
                .hasMessageStartingWith("malformed protobuf body: IntOrString type 2 is neither 0 (int)"
                        + " nor 1 (string)");
    }

    private static ProtobufWriter servicePort(String name, int port, ProtobufWriter targetPort) {
        return new ProtobufWriter()
                .string(1, name)
                .string(2, "TCP")
                .varint(3, port)
                .message(4, targetPort)
                .varint(5, 0);
    }

    private static ProtobufWriter intOrString(int type, int intVal, String strVal) {
        return new ProtobufWriter().varint(1, type).varint(2, intVal).string(3, strVal);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
