package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Kubernetes' rules for ports, protocols, IP addresses and CIDRs. */
public final class NetworkValidation {

    /** The protocols a port may use, in the order Kubernetes lists them. */
    public static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

    private static final int PORT_NAME_MAX_LENGTH = 15;
    private static final Pattern PORT_NAME_CHARACTERS = Pattern.compile("[-a-z0-9]+");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");
    private static final String INVALID_IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
    private static final String INVALID_CIDR = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

    private NetworkValidation() {
    }

    /** A port number: 1 to 65535. */
    public static List<String> portNumber(int port) {
        return port >= 1 && port <= 65535 ? List.of() : List.of(inclusiveRange(1, 65535));
    }

    /** A named port (IANA service name): at most 15 characters, lower case, at least one letter. */
    public static List<String> portName(String name) {
        List<String> errors = new ArrayList<>();
        if (name.length() > PORT_NAME_MAX_LENGTH) {
            errors.add(NameValidation.maxLength(PORT_NAME_MAX_LENGTH));
        }
        if (!PORT_NAME_CHARACTERS.matcher(name).matches()) {
            errors.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!HAS_LETTER.matcher(name).matches()) {
            errors.add("must contain at least one letter (a-z)");
        }
        if (name.contains("--")) {
            errors.add("must not contain consecutive hyphens");
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            errors.add("must not begin or end with a hyphen");
        }
        return errors;
    }

    /** A port given by number or by name, e.g. a service's targetPort or a probe's port. */
    public static List<FieldError> portNumberOrName(IntOrString port, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (port == null || (port.getIntVal() == null && port.getStrVal() == null)) {
            errors.addAll(FieldError.invalid(path, 0, portNumber(0)));
        } else if (port.getIntVal() != null) {
            errors.addAll(FieldError.invalid(path, port.getIntVal(), portNumber(port.getIntVal())));
        } else {
            errors.addAll(FieldError.invalid(path, port.getStrVal(), portName(port.getStrVal())));
        }
        return errors;
    }

    /** A protocol, required, one of {@link #PROTOCOLS}. */
    public static List<FieldError> protocol(String protocol, String path) {
        if (protocol == null || protocol.isEmpty()) {
            return List.of(FieldError.required(path, ""));
        }
        return PROTOCOLS.contains(protocol) ? List.of() : List.of(FieldError.notSupported(path, protocol, PROTOCOLS));
    }

    /** An IPv4 or IPv6 address. */
    public static List<FieldError> ipAddress(String value, String path) {
        String ip = value == null ? "" : value;
        return IpAddress.parse(ip) != null ? List.of() : List.of(FieldError.invalid(path, ip, INVALID_IP));
    }

    /** A CIDR such as {@code 10.244.0.0/24}. */
    public static List<FieldError> cidr(String value, String path) {
        String cidr = value == null ? "" : value;
        return IpAddress.isCidr(cidr) ? List.of() : List.of(FieldError.invalid(path, cidr, INVALID_CIDR));
    }

    /**
     * An address that can carry service traffic: not unspecified, loopback or link-local. Used for endpoints
     * and external IPs.
     */
    public static List<FieldError> nonSpecialIpAddress(String value, String path) {
        String ip = value == null ? "" : value;
        byte[] bytes = IpAddress.parse(ip);
        if (bytes == null) {
            return List.of(FieldError.invalid(path, ip, "must be a valid IP address"));
        }
        bytes = ipv4Mapped(bytes);
        List<FieldError> errors = new ArrayList<>();
        boolean v4 = bytes.length == 4;
        if (Arrays.equals(bytes, new byte[bytes.length])) {
            errors.add(FieldError.invalid(path, ip, "may not be unspecified (" + ip + ")"));
        }
        if (v4 ? bytes[0] == 127 : isIpv6Loopback(bytes)) {
            errors.add(FieldError.invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
        }
        if (v4 ? (bytes[0] & 0xff) == 169 && (bytes[1] & 0xff) == 254
                : (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0x80) {
            errors.add(FieldError.invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
        }
        if (v4 ? (bytes[0] & 0xff) == 224 && bytes[1] == 0 && bytes[2] == 0
                : (bytes[0] & 0xff) == 0xff && (bytes[1] & 0x0f) == 0x02) {
            errors.add(FieldError.invalid(path, ip,
                    "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
        }
        return errors;
    }

    static String inclusiveRange(long low, long high) {
        return "must be between " + low + " and " + high + ", inclusive";
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as its 4 IPv4 bytes, as Go's To4 sees it. */
    private static byte[] ipv4Mapped(byte[] bytes) {
        if (bytes.length == 16 && Arrays.equals(Arrays.copyOf(bytes, 10), new byte[10])
                && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    private static boolean isIpv6Loopback(byte[] bytes) {
        byte[] loopback = new byte[16];
        loopback[15] = 1;
        return Arrays.equals(bytes, loopback);
    }
}
