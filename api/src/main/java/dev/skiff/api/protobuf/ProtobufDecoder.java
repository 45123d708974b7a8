package dev.skiff.api.protobuf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;

/**
 * Decodes Kubernetes protobuf request bodies ({@value #MEDIA_TYPE}), as kubectl 1.32 and later
 * sends them for {@code create deployment|namespace|configmap|secret|service|job} and
 * {@code autoscale}, into the JSON tree the same object's JSON body would parse to, so the
 * api-server can handle both alike. A body is the magic {@code k8s\0} followed by a runtime.Unknown
 * envelope carrying apiVersion, kind and the object's own encoding. Which kinds decode is up to
 * {@link KubernetesSchemas}.
 */
public final class ProtobufDecoder {

    /** The content type of Kubernetes protobuf bodies. */
    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private ProtobufDecoder() {
    }

    /**
     * The object in {@code body} as a JSON tree with {@code apiVersion}, {@code kind} and the
     * object's fields under their JSON names.
     *
     * @throws ProtobufDecodingException if the magic is missing, the wire data is malformed, the
     *         envelope is compressed, or the kind has no schema
     */
    public static ObjectNode decode(byte[] body) {
        if (!hasMagic(body)) {
            throw new ProtobufDecodingException(
                    "not a Kubernetes protobuf body: it does not start with the magic k8s\\0");
        }
        Envelope envelope = Envelope.read(WireReader.of(body, MAGIC.length));
        if (!envelope.contentEncoding().isEmpty()) {
            throw new ProtobufDecodingException("protobuf bodies with content encoding " + envelope.contentEncoding()
                    + " are not supported; send the object uncompressed");
        }
        if (envelope.apiVersion().isEmpty() || envelope.kind().isEmpty()) {
            throw new ProtobufDecodingException("protobuf body does not name the apiVersion and kind of its object");
        }
        MessageSchema schema = KubernetesSchemas.forType(envelope.apiVersion(), envelope.kind())
                .orElseThrow(() -> new ProtobufDecodingException("protobuf encoding of " + envelope.apiVersion() + " "
                        + envelope.kind() + " is not supported; send JSON"));
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", envelope.apiVersion());
        object.put("kind", envelope.kind());
        MessageDecoder.decodeInto(object, envelope.raw(), schema);
        return object;
    }

    private static boolean hasMagic(byte[] body) {
        return body.length >= MAGIC.length && Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }
}
