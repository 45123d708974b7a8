package dev.skiff.store.embedded;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keys as the database stores them: UTF-8 bytes, compared byte by byte (as etcd does), so a prefix
 * is the half-open range [prefix, rangeEnd(prefix)).
 */
final class Keys {

    private Keys() {
    }

    static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    /**
     * The first key after every key that starts with {@code prefix}. UTF-8 never contains the byte
     * 0xFF, so the last byte of a key can always be incremented, and {0xFF} is past every key.
     */
    static byte[] rangeEnd(byte[] prefix) {
        if (prefix.length == 0) {
            return new byte[] {(byte) 0xFF};
        }
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        end[end.length - 1]++;
        return end;
    }
}
