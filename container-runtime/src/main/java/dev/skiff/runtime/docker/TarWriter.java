package dev.skiff.runtime.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a POSIX ustar archive in memory: regular files, directories and symbolic links, owned by
 * root, with paths of at most 100 bytes and a fixed modification time, so that the same entries
 * always give the same bytes (and so the same layer digest).
 */
final class TarWriter {

    private static final int BLOCK = 512;
    private static final int NAME_LENGTH = 100;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TarWriter file(String path, int mode, byte[] content) {
        header(path, mode, content.length, '0', "");
        out.writeBytes(content);
        pad(content.length);
        return this;
    }

    TarWriter directory(String path, int mode) {
        header(path.endsWith("/") ? path : path + "/", mode, 0, '5', "");
        return this;
    }

    TarWriter symlink(String path, String target) {
        header(path, 0777, 0, '2', target);
        return this;
    }

    /** The archive so far, closed with its two zero blocks. */
    byte[] finish() {
        byte[] entries = out.toByteArray();
        return Arrays.copyOf(entries, entries.length + 2 * BLOCK);
    }

    private void header(String path, int mode, long size, char type, String linkTarget) {
        byte[] header = new byte[BLOCK];
        if (utf8(path).length > NAME_LENGTH || utf8(linkTarget).length > NAME_LENGTH) {
            throw new IllegalArgumentException("path or link target too long for a tar header: " + path);
        }
        put(header, 0, utf8(path));
        octal(header, 100, 8, mode);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, 0);
        header[156] = (byte) type;
        put(header, 157, utf8(linkTarget));
        put(header, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, "00".getBytes(StandardCharsets.US_ASCII));
        put(header, 265, utf8("root"));
        put(header, 297, utf8("root"));
        checksum(header);
        out.writeBytes(header);
    }

    /** The checksum is the sum of the header's bytes with its own field counted as spaces. */
    private static void checksum(byte[] header) {
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        byte[] digits = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, header, 148, 6);
        header[154] = 0;
        header[155] = ' ';
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(length - 1 - digits.length()) + digits;
        put(header, offset, padded.getBytes(StandardCharsets.US_ASCII));
    }

    private static void put(byte[] header, int offset, byte[] value) {
        System.arraycopy(value, 0, header, offset, value.length);
    }

    private void pad(long size) {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.writeBytes(new byte[BLOCK - rest]);
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
