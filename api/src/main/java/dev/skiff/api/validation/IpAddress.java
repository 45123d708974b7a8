package dev.skiff.api.validation;

/**
 * Parses textual IP addresses the way Go's {@code net.ParseIP} (sloppy flavour: IPv4 octets may have leading
 * zeros) does, without ever touching DNS as {@link java.net.InetAddress} may.
 */
final class IpAddress {

    private IpAddress() {
    }

    /** The 4 or 16 bytes of the address, or null if {@code text} is not an IP address. */
    static byte[] parse(String text) {
        return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
    }

    /** True for {@code address/prefixLength}, e.g. {@code 10.244.0.0/24} or {@code fd00::/64}. */
    static boolean isCidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return false;
        }
        byte[] address = parse(text.substring(0, slash));
        String length = text.substring(slash + 1);
        if (address == null || length.isEmpty() || length.length() > 3
                || !length.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(length) <= address.length * 8;
    }

    private static byte[] parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static byte[] parseV6(String text) {
        int ellipsis = text.indexOf("::");
        if (ellipsis >= 0 && text.indexOf("::", ellipsis + 1) >= 0) {
            return null;
        }
        String head = ellipsis >= 0 ? text.substring(0, ellipsis) : text;
        String tail = ellipsis >= 0 ? text.substring(ellipsis + 2) : "";
        int[] headGroups = groups(head, ellipsis < 0);
        int[] tailGroups = groups(tail, true);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int count = headGroups.length + tailGroups.length;
        // Without "::" all eight groups are given; with it, "::" stands for at least one zero group.
        if (ellipsis < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            put(bytes, i, headGroups[i]);
        }
        for (int i = 0; i < tailGroups.length; i++) {
            put(bytes, 8 - tailGroups.length + i, tailGroups[i]);
        }
        return bytes;
    }

    /**
     * The 16-bit groups of one side of "::"; the last group may be a dotted IPv4 address (two groups) when
     * {@code mayEndInIpv4}. Null if malformed.
     */
    private static int[] groups(String text, boolean mayEndInIpv4) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        String last = parts[parts.length - 1];
        boolean endsInIpv4 = last.indexOf('.') >= 0;
        int[] groups = new int[parts.length + (endsInIpv4 ? 1 : 0)];
        for (int i = 0; i < parts.length - (endsInIpv4 ? 1 : 0); i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            groups[i] = Integer.parseInt(part, 16);
        }
        if (endsInIpv4) {
            byte[] v4 = mayEndInIpv4 ? parseV4(last) : null;
            if (v4 == null) {
                return null;
            }
            groups[groups.length - 2] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
            groups[groups.length - 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        }
        return groups;
    }

    private static void put(byte[] bytes, int group, int value) {
        bytes[group * 2] = (byte) (value >> 8);
        bytes[group * 2 + 1] = (byte) value;
    }
}
