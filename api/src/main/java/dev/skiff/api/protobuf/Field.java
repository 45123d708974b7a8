package dev.skiff.api.protobuf;

/**
 * One field of a {@link MessageSchema}: its protobuf number, its JSON name, what it holds and how
 * often. {@code zeroValue} matters for single scalar fields only; {@code message} is the schema of
 * a {@link ValueKind#MESSAGE} field and null otherwise. For a map, {@code kind} is the value's.
 */
record Field(int number, String jsonName, ValueKind kind, Shape shape, ZeroValue zeroValue, MessageSchema message) {

    /** How many values a field holds and where they go in the JSON object. */
    enum Shape {
        /** One value under {@code jsonName}; a later occurrence replaces (a message: merges into) it. */
        SINGLE,
        /** A JSON array, one element per occurrence. */
        REPEATED,
        /** A JSON object from {@code map<string, V>}: entry messages with key 1 and value 2. */
        MAP,
        /** An embedded Go struct whose fields sit in the enclosing JSON object ({@code json:",inline"}). */
        INLINE
    }
}
