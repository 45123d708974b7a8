package dev.skiff.api.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Turns protobuf messages into the JSON trees Kubernetes' JSON encoding would produce, following a
 * {@link MessageSchema}. Kubernetes' scalar-like messages (IntOrString, Quantity, Time) and map
 * entries are decoded with schemas of their own and then folded into their JSON form.
 */
final class MessageDecoder {

    private static final MessageSchema INT_OR_STRING = MessageSchema.builder("IntOrString")
            .int64(1, "type", ZeroValue.KEEP)
            .int32(2, "intVal", ZeroValue.KEEP)
            .string(3, "strVal", ZeroValue.KEEP)
            .build();
    private static final MessageSchema QUANTITY = MessageSchema.builder("Quantity")
            .string(1, "string", ZeroValue.KEEP)
            .build();
    private static final MessageSchema TIME = MessageSchema.builder("Time")
            .int64(1, "seconds", ZeroValue.KEEP)
            .int32(2, "nanos", ZeroValue.KEEP)
            .build();
    private static final MessageSchema STRING_ENTRY = MessageSchema.builder("map entry")
            .string(1, "key", ZeroValue.KEEP)
            .string(2, "value", ZeroValue.KEEP)
            .build();
    private static final MessageSchema BYTES_ENTRY = MessageSchema.builder("map entry")
            .string(1, "key", ZeroValue.KEEP)
            .bytes(2, "value", ZeroValue.KEEP)
            .build();
    private static final MessageSchema QUANTITY_ENTRY = MessageSchema.builder("map entry")
            .string(1, "key", ZeroValue.KEEP)
            .quantity(2, "value")
            .build();

    private static final int INT_OR_STRING_TYPE_INT = 0;
    private static final int INT_OR_STRING_TYPE_STRING = 1;
    private static final String ZERO_QUANTITY = "0";

    private MessageDecoder() {
    }

    /** Decodes the message {@code in} holds into {@code target}, on top of what target holds. */
    static void decodeInto(ObjectNode target, WireReader in, MessageSchema schema) {
        while (in.hasRemaining()) {
            int tagOffset = in.position();
            int tag = in.readTag();
            Field field = schema.field(WireReader.fieldNumber(tag));
            if (field == null) {
                in.skip(WireReader.wireType(tag));
                continue;
            }
            int expected = field.shape() == Field.Shape.MAP ? WireReader.LENGTH_DELIMITED : field.kind().wireType();
            if (WireReader.wireType(tag) != expected) {
                throw WireReader.malformed("field " + field.number() + " (" + field.jsonName() + ") of "
                        + schema.name() + " has wire type " + WireReader.wireType(tag) + ", expected " + expected,
                        tagOffset);
            }
            switch (field.shape()) {
                case SINGLE -> decodeSingle(target, field, in);
                case REPEATED -> arrayField(target, field.jsonName()).add(decodeValue(field, in));
                case MAP -> decodeMapEntry(objectField(target, field.jsonName()), field.kind(), in.readMessage());
                case INLINE -> decodeInto(target, in.readMessage(), field.message());
            }
        }
    }

    private static void decodeSingle(ObjectNode target, Field field, WireReader in) {
        if (field.kind() == ValueKind.MESSAGE) {
            decodeInto(objectField(target, field.jsonName()), in.readMessage(), field.message());
            return;
        }
        JsonNode value = decodeValue(field, in);
        if (field.zeroValue() == ZeroValue.OMIT && isZero(value)) {
            target.remove(field.jsonName());
        } else {
            target.set(field.jsonName(), value);
        }
    }

    private static JsonNode decodeValue(Field field, WireReader in) {
        return switch (field.kind()) {
            case STRING -> TextNode.valueOf(in.readString());
            case BYTES -> TextNode.valueOf(Base64.getEncoder().encodeToString(in.readBytes()));
            case INT32 -> IntNode.valueOf((int) in.readVarint());
            case INT64 -> integer(in.readVarint());
            case BOOL -> BooleanNode.valueOf(in.readVarint() != 0);
            case MESSAGE -> decode(in.readMessage(), field.message());
            case INT_OR_STRING -> intOrString(in);
            case QUANTITY -> quantity(in);
            case TIME -> time(in);
        };
    }

    private static void decodeMapEntry(ObjectNode map, ValueKind valueKind, WireReader in) {
        MessageSchema entrySchema = switch (valueKind) {
            case STRING -> STRING_ENTRY;
            case BYTES -> BYTES_ENTRY;
            case QUANTITY -> QUANTITY_ENTRY;
            default -> throw new IllegalStateException("no map entry schema for " + valueKind + " values");
        };
        ObjectNode entry = decode(in, entrySchema);
        JsonNode value = entry.get("value");
        String emptyValue = valueKind == ValueKind.QUANTITY ? ZERO_QUANTITY : "";
        map.set(entry.path("key").asText(""), value != null ? value : TextNode.valueOf(emptyValue));
    }

    /** Go marshals IntOrString by its type: the number, or the string. */
    private static JsonNode intOrString(WireReader in) {
        int offset = in.position();
        ObjectNode value = decode(in.readMessage(), INT_OR_STRING);
        long type = value.path("type").asLong(INT_OR_STRING_TYPE_INT);
        if (type == INT_OR_STRING_TYPE_INT) {
            return IntNode.valueOf(value.path("intVal").asInt(0));
        }
        if (type == INT_OR_STRING_TYPE_STRING) {
            return TextNode.valueOf(value.path("strVal").asText(""));
        }
        throw WireReader.malformed("IntOrString type " + type + " is neither 0 (int) nor 1 (string)", offset);
    }

    /** A Quantity's canonical string; the zero Quantity is "0". */
    private static JsonNode quantity(WireReader in) {
        ObjectNode value = decode(in.readMessage(), QUANTITY);
        return TextNode.valueOf(value.path("string").asText(ZERO_QUANTITY));
    }

    /** Go sends the zero Time as an empty message and marshals it as null; others to the second, in UTC. */
    private static JsonNode time(WireReader in) {
        int offset = in.position();
        WireReader message = in.readMessage();
        if (!message.hasRemaining()) {
            return NullNode.getInstance();
        }
        ObjectNode value = decode(message, TIME);
        try {
            Instant instant = Instant.ofEpochSecond(value.path("seconds").asLong(0), value.path("nanos").asLong(0));
            return TextNode.valueOf(DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS)));
        } catch (DateTimeException e) {
            throw WireReader.malformed("time out of range", offset);
        }
    }

    private static ObjectNode decode(WireReader in, MessageSchema schema) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        decodeInto(object, in, schema);
        return object;
    }

    /** An int64 as Jackson would read its JSON number: an int node when it fits. */
    private static JsonNode integer(long value) {
        return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }

    private static boolean isZero(JsonNode value) {
        return value.isTextual() && value.textValue().isEmpty()
                || value.isNumber() && value.longValue() == 0
                || value.isBoolean() && !value.booleanValue();
    }

    private static ObjectNode objectField(ObjectNode target, String name) {
        JsonNode existing = target.get(name);
        return existing instanceof ObjectNode object ? object : target.putObject(name);
    }

    private static ArrayNode arrayField(ObjectNode target, String name) {
        JsonNode existing = target.get(name);
        return existing instanceof ArrayNode array ? array : target.putArray(name);
    }
}
