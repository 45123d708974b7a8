package dev.skiff.api.protobuf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The runtime.Unknown message that wraps every Kubernetes protobuf body: 1 typeMeta (runtime.TypeMeta:
 * 1 apiVersion, 2 kind), 2 raw (the object's own encoding), 3 contentEncoding (a compression of raw;
 * clients leave it empty) and 4 contentType (informational, ignored).
 */
record Envelope(String apiVersion, String kind, WireReader raw, String contentEncoding) {

    private static final int TYPE_META = 1;
    private static final int RAW = 2;
    private static final int CONTENT_ENCODING = 3;

    private static final MessageSchema TYPE_META_SCHEMA = MessageSchema.builder("TypeMeta")
            .string(1, "apiVersion")
            .string(2, "kind")
            .build();

    /** Reads the envelope that {@code in} holds up to its end. */
    static Envelope read(WireReader in) {
        ObjectNode typeMeta = JsonNodeFactory.instance.objectNode();
        WireReader raw = WireReader.of(new byte[0], 0);
        String contentEncoding = "";
        while (in.hasRemaining()) {
            int tagOffset = in.position();
            int tag = in.readTag();
            int number = WireReader.fieldNumber(tag);
            if (number != TYPE_META && number != RAW && number != CONTENT_ENCODING) {
                in.skip(WireReader.wireType(tag));
                continue;
            }
            if (WireReader.wireType(tag) != WireReader.LENGTH_DELIMITED) {
                throw WireReader.malformed("field " + number + " of Unknown has wire type " + WireReader.wireType(tag)
                        + ", expected " + WireReader.LENGTH_DELIMITED, tagOffset);
            }
            switch (number) {
                case TYPE_META -> MessageDecoder.decodeInto(typeMeta, in.readMessage(), TYPE_META_SCHEMA);
                case RAW -> raw = in.readMessage();
                default -> contentEncoding = in.readString();
            }
        }
        return new Envelope(typeMeta.path("apiVersion").asText(""), typeMeta.path("kind").asText(""), raw,
                contentEncoding);
    }
}
