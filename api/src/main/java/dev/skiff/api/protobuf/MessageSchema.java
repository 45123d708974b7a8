package dev.skiff.api.protobuf;

import java.util.HashMap;
import java.util.Map;

/**
 * The decoding table of one protobuf message type: field number to {@link Field}. Numbers missing
 * from the table are skipped when decoding, so a newer client's fields do no harm. Built once,
 * leaf types first, with the fluent {@link Builder}.
 */
final class MessageSchema {

    private final String name;
    private final Map<Integer, Field> fields;

    private MessageSchema(String name, Map<Integer, Field> fields) {
        this.name = name;
        this.fields = Map.copyOf(fields);
    }

    static Builder builder(String name) {
        return new Builder(name);
    }

    /** The protobuf message name, for error messages. */
    String name() {
        return name;
    }

    /** The field with this number, or null if the schema does not know it. */
    Field field(int number) {
        return fields.get(number);
    }

    static final class Builder {

        private final String name;
        private final Map<Integer, Field> fields = new HashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        Builder string(int number, String jsonName) {
            return string(number, jsonName, ZeroValue.OMIT);
        }

        Builder string(int number, String jsonName, ZeroValue zeroValue) {
            return add(number, jsonName, ValueKind.STRING, Field.Shape.SINGLE, zeroValue, null);
        }

        Builder int32(int number, String jsonName) {
            return int32(number, jsonName, ZeroValue.OMIT);
        }

        Builder int32(int number, String jsonName, ZeroValue zeroValue) {
            return add(number, jsonName, ValueKind.INT32, Field.Shape.SINGLE, zeroValue, null);
        }

        Builder int64(int number, String jsonName) {
            return int64(number, jsonName, ZeroValue.OMIT);
        }

        Builder int64(int number, String jsonName, ZeroValue zeroValue) {
            return add(number, jsonName, ValueKind.INT64, Field.Shape.SINGLE, zeroValue, null);
        }

        Builder bool(int number, String jsonName) {
            return bool(number, jsonName, ZeroValue.OMIT);
        }

        Builder bool(int number, String jsonName, ZeroValue zeroValue) {
            return add(number, jsonName, ValueKind.BOOL, Field.Shape.SINGLE, zeroValue, null);
        }

        Builder bytes(int number, String jsonName, ZeroValue zeroValue) {
            return add(number, jsonName, ValueKind.BYTES, Field.Shape.SINGLE, zeroValue, null);
        }

        Builder message(int number, String jsonName, MessageSchema message) {
            return add(number, jsonName, ValueKind.MESSAGE, Field.Shape.SINGLE, ZeroValue.KEEP, message);
        }

        /** An embedded struct whose fields the JSON form puts in this object. */
        Builder inline(int number, MessageSchema message) {
            return add(number, message.name(), ValueKind.MESSAGE, Field.Shape.INLINE, ZeroValue.KEEP, message);
        }

        Builder intOrString(int number, String jsonName) {
            return add(number, jsonName, ValueKind.INT_OR_STRING, Field.Shape.SINGLE, ZeroValue.KEEP, null);
        }

        Builder quantity(int number, String jsonName) {
            return add(number, jsonName, ValueKind.QUANTITY, Field.Shape.SINGLE, ZeroValue.KEEP, null);
        }

        Builder time(int number, String jsonName) {
            return add(number, jsonName, ValueKind.TIME, Field.Shape.SINGLE, ZeroValue.KEEP, null);
        }

        Builder repeatedString(int number, String jsonName) {
            return add(number, jsonName, ValueKind.STRING, Field.Shape.REPEATED, ZeroValue.KEEP, null);
        }

        Builder repeatedMessage(int number, String jsonName, MessageSchema message) {
            return add(number, jsonName, ValueKind.MESSAGE, Field.Shape.REPEATED, ZeroValue.KEEP, message);
        }

        Builder stringMap(int number, String jsonName) {
            return add(number, jsonName, ValueKind.STRING, Field.Shape.MAP, ZeroValue.KEEP, null);
        }

        Builder bytesMap(int number, String jsonName) {
            return add(number, jsonName, ValueKind.BYTES, Field.Shape.MAP, ZeroValue.KEEP, null);
        }

        Builder quantityMap(int number, String jsonName) {
            return add(number, jsonName, ValueKind.QUANTITY, Field.Shape.MAP, ZeroValue.KEEP, null);
        }

        MessageSchema build() {
            return new MessageSchema(name, fields);
        }

        private Builder add(int number, String jsonName, ValueKind kind, Field.Shape shape, ZeroValue zeroValue,
                MessageSchema message) {
            Field previous = fields.putIfAbsent(number, new Field(number, jsonName, kind, shape, zeroValue, message));
            if (previous != null) {
                throw new IllegalStateException(name + " declares field " + number + " twice");
            }
            return this;
        }
    }
}
