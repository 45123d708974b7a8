package dev.skiff.api.protobuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the protobuf wire format from a slice of a byte array: tags, varints and length-delimited
 * values, and skips fields of any wire type but groups (Kubernetes never sends groups). Every read
 * is bounds-checked; a truncated or malformed value throws {@link ProtobufDecodingException} naming
 * its offset in the whole body.
 */
final class WireReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private static final int MAX_VARINT_BYTES = 10;
    private static final long MAX_FIELD_NUMBER = (1 << 29) - 1;

    private final byte[] bytes;
    private final int limit;
    private int position;

    private WireReader(byte[] bytes, int position, int limit) {
        this.bytes = bytes;
        this.position = position;
        this.limit = limit;
    }

    /** A reader of {@code bytes} from {@code offset} to the end. */
    static WireReader of(byte[] bytes, int offset) {
        return new WireReader(bytes, offset, bytes.length);
    }

    boolean hasRemaining() {
        return position < limit;
    }

    /** The next field's tag: field number in the high bits, wire type in the low three. */
    int readTag() {
        int start = position;
        long tag = readVarint();
        long number = tag >>> 3;
        if (number == 0 || number > MAX_FIELD_NUMBER) {
            throw malformed("invalid field number " + number, start);
        }
        return (int) tag;
    }

    static int fieldNumber(int tag) {
        return tag >>> 3;
    }

    static int wireType(int tag) {
        return tag & 7;
    }

    long readVarint() {
        int start = position;
        long value = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            if (position >= limit) {
                throw malformed("truncated varint", start);
            }
            byte b = bytes[position++];
            value |= (long) (b & 0x7f) << (7 * i);
            if (b >= 0) {
                return value;
            }
        }
        throw malformed("varint longer than " + MAX_VARINT_BYTES + " bytes", start);
    }

    String readString() {
        int length = readLength();
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    byte[] readBytes() {
        int length = readLength();
        byte[] value = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    /** A reader of the next length-delimited value, which this reader then steps over. */
    WireReader readMessage() {
        int length = readLength();
        WireReader message = new WireReader(bytes, position, position + length);
        position += length;
        return message;
    }

    /** Steps over a field's value whose tag was just read. */
    void skip(int wireType) {
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> advance(readLength());
            case FIXED32 -> advance(4);
            default -> throw malformed("unsupported wire type " + wireType, position);
        }
    }

    /** An error about the value at {@code offset}, an index into the whole body. */
    static ProtobufDecodingException malformed(String problem, int offset) {
        return new ProtobufDecodingException("malformed protobuf body: " + problem + " at byte " + offset);
    }

    int position() {
        return position;
    }

    private int readLength() {
        int start = position;
        long length = readVarint();
        if (length < 0 || length > limit - position) {
            throw malformed("length " + length + " runs past the end of its message", start);
        }
        return (int) length;
    }

    private void advance(int count) {
        if (count > limit - position) {
            throw malformed("truncated fixed-width value", position);
        }
        position += count;
    }
}
