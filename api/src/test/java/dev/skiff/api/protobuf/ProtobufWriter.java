package dev.skiff.api.protobuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes protobuf wire data for tests, field by field, the way Go's Kubernetes encoder lays it out,
 * and wraps objects into request bodies (magic plus runtime.Unknown envelope).
 */
final class ProtobufWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A request body carrying {@code object} as {@code apiVersion} {@code kind}, as kubectl sends it. */
    static byte[] body(String apiVersion, String kind, ProtobufWriter object) {
        ProtobufWriter envelope = new ProtobufWriter()
                .message(1, new ProtobufWriter().string(1, apiVersion).string(2, kind))
                .bytes(2, object.toByteArray())
                .string(3, "")
                .string(4, "");
        return withMagic(envelope.toByteArray());
    }

    static byte[] withMagic(byte[] envelope) {
        byte[] body = new byte[envelope.length + 4];
        body[0] = 'k';
        body[1] = '8';
        body[2] = 's';
        System.arraycopy(envelope, 0, body, 4, envelope.length);
        return body;
    }

    /** An ObjectMeta with just a name, and the empty creationTimestamp Go always writes. */
    static ProtobufWriter objectMeta(String name) {
        return new ProtobufWriter().string(1, name).message(8, new ProtobufWriter());
    }

    /** A map<string, string> entry. */
    static ProtobufWriter entry(String key, String value) {
        return new ProtobufWriter().string(1, key).string(2, value);
    }

    ProtobufWriter varint(int field, long value) {
        tag(field, WireReader.VARINT);
        rawVarint(value);
        return this;
    }

    ProtobufWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtobufWriter bytes(int field, byte[] value) {
        tag(field, WireReader.LENGTH_DELIMITED);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtobufWriter message(int field, ProtobufWriter message) {
        return bytes(field, message.toByteArray());
    }

    ProtobufWriter fixed32(int field, int value) {
        tag(field, WireReader.FIXED32);
        for (int i = 0; i < 4; i++) {
            out.write(value >>> (8 * i));
        }
        return this;
    }

    ProtobufWriter fixed64(int field, long value) {
        tag(field, WireReader.FIXED64);
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    /** Bytes as they are, for malformed data. */
    ProtobufWriter raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        rawVarint((long) field << 3 | wireType);
    }

    private void rawVarint(long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }
}
