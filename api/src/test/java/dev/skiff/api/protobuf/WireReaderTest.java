package dev.skiff.api.protobuf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireReaderTest {

    @Test
    void readsVarints() {
        WireReader in = reader(0x00, 0x7f, 0xac, 0x02, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);

        assertThat(in.readVarint()).isZero();
        assertThat(in.readVarint()).isEqualTo(127);
        assertThat(in.readVarint()).isEqualTo(300);
        assertThat(in.readVarint()).isEqualTo(-1);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void readsTagsStringsAndNestedMessages() {
        byte[] bytes = new ProtobufWriter()
                .string(1, "héllo")
                .message(15, new ProtobufWriter().varint(2, 7))
                .varint(3, 1)
                .toByteArray();
        WireReader in = WireReader.of(bytes, 0);

        int tag = in.readTag();
        assertThat(WireReader.fieldNumber(tag)).isEqualTo(1);
        assertThat(WireReader.wireType(tag)).isEqualTo(WireReader.LENGTH_DELIMITED);
        assertThat(in.readString()).isEqualTo("héllo");

        assertThat(WireReader.fieldNumber(in.readTag())).isEqualTo(15);
        WireReader nested = in.readMessage();
        assertThat(WireReader.fieldNumber(nested.readTag())).isEqualTo(2);
        assertThat(nested.readVarint()).isEqualTo(7);
        assertThat(nested.hasRemaining()).isFalse();

        assertThat(WireReader.fieldNumber(in.readTag())).isEqualTo(3);
        assertThat(in.readVarint()).isEqualTo(1);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void skipsEveryWireTypeButGroups() {
        byte[] bytes = new ProtobufWriter()
                .varint(1, 1L << 40)
                .fixed64(2, -1)
                .bytes(3, new byte[] {1, 2, 3})
                .fixed32(4, 5)
                .string(5, "end")
                .toByteArray();
        WireReader in = WireReader.of(bytes, 0);
        for (int i = 0; i < 4; i++) {
            in.skip(WireReader.wireType(in.readTag()));
        }

        in.readTag();
        assertThat(in.readString()).isEqualTo("end");
    }

    @Test
    void rejectsTruncatedAndOverlongVarints() {
        assertThatThrownBy(() -> reader(0x80, 0x80).readVarint())
                .isInstanceOf(ProtobufDecodingException.class)
                .hasMessage("malformed protobuf body: truncated varint at byte 0");
        assertThatThrownBy(() -> reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).readVarint())
                .hasMessage("malformed protobuf body: varint longer than 10 bytes at byte 0");
    }

    @Test
    void rejectsLengthsPastTheEnd() {
        WireReader in = reader(0x0a, 0x05, 'a', 'b');
        in.readTag();

        assertThatThrownBy(in::readString)
                .hasMessage("malformed protobuf body: length 5 runs past the end of its message at byte 1");
    }

    @Test
    void nestedMessagesEndWhereTheirLengthSays() {
        WireReader in = reader(0x0a, 0x02, 0x08, 0x96, 0x01);
        in.readTag();
        WireReader nested = in.readMessage();
        nested.readTag();

        assertThatThrownBy(nested::readVarint).hasMessage("malformed protobuf body: truncated varint at byte 3");
    }

    @Test
    void rejectsFieldNumberZeroGroupsAndTruncatedFixedValues() {
        assertThatThrownBy(() -> reader(0x02, 0x00).readTag())
                .hasMessage("malformed protobuf body: invalid field number 0 at byte 0");
        assertThatThrownBy(() -> reader(0x00).skip(3))
                .hasMessage("malformed protobuf body: unsupported wire type 3 at byte 0");
        assertThatThrownBy(() -> reader(0x01, 0x02).skip(WireReader.FIXED64))
                .hasMessage("malformed protobuf body: truncated fixed-width value at byte 0");
    }

    private static WireReader reader(int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        return WireReader.of(data, 0);
    }
}
