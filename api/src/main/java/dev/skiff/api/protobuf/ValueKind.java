package dev.skiff.api.protobuf;

/**
 * What a protobuf field holds and which JSON value it becomes, with the wire type it must arrive in.
 * The last three are Kubernetes' own messages that have a scalar JSON form.
 */
enum ValueKind {

    /** A UTF-8 string: a JSON string. */
    STRING(WireReader.LENGTH_DELIMITED),
    /** Raw bytes: a base64 JSON string, as Go encodes {@code []byte}. */
    BYTES(WireReader.LENGTH_DELIMITED),
    INT32(WireReader.VARINT),
    INT64(WireReader.VARINT),
    BOOL(WireReader.VARINT),
    /** A nested message: a JSON object. */
    MESSAGE(WireReader.LENGTH_DELIMITED),
    /** util/intstr IntOrString (1 type, 2 intVal, 3 strVal): a JSON number or string. */
    INT_OR_STRING(WireReader.LENGTH_DELIMITED),
    /** api/resource Quantity (1 string): a JSON string. */
    QUANTITY(WireReader.LENGTH_DELIMITED),
    /** meta/v1 Time (1 seconds, 2 nanos): an RFC 3339 string in UTC to the second, or null when zero. */
    TIME(WireReader.LENGTH_DELIMITED);

    private final int wireType;

    ValueKind(int wireType) {
        this.wireType = wireType;
    }

    int wireType() {
        return wireType;
    }
}
