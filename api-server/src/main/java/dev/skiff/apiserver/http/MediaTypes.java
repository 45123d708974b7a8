package dev.skiff.apiserver.http;

import dev.skiff.api.protobuf.ProtobufDecoder;

/**
 * Content negotiation as kubectl uses it: JSON by default, YAML on request, and server-side
 * printing ({@code application/json;as=Table;g=meta.k8s.io;v=v1}).
 */
public final class MediaTypes {

    /** The media type of a Table response. */
    public static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

    private MediaTypes() {
    }

    /** True if the Accept header asks for a meta.k8s.io/v1 Table. */
    public static boolean wantsTable(String accept) {
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            boolean table = false;
            boolean v1 = false;
            boolean meta = false;
            for (String param : range.split(";")) {
                String p = param.trim();
                table |= p.equals("as=Table");
                v1 |= p.equals("v=v1");
                meta |= p.equals("g=meta.k8s.io");
            }
            if (table && v1 && meta) {
                return true;
            }
        }
        return false;
    }

    /** True if YAML is the client's first choice. */
    public static boolean wantsYaml(String accept) {
        if (accept == null) {
            return false;
        }
        String first = accept.split(",")[0].split(";")[0].trim();
        return first.equals("application/yaml");
    }

    /** True if a request body of this Content-Type is YAML rather than JSON. */
    public static boolean isYaml(String contentType) {
        return contentType != null && contentType.split(";")[0].trim().equals("application/yaml");
    }

    /** True if a request body of this Content-Type is one Skiff decodes (JSON or YAML). */
    public static boolean isReadable(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";")[0].trim();
        return type.equals("application/json") || type.equals("application/yaml") || type.equals("*/*")
                || type.equals(ProtobufDecoder.MEDIA_TYPE);
    }

    /** True for Kubernetes' protobuf encoding, which kubectl 1.32+ sends for its create subcommands. */
    public static boolean isProtobuf(String contentType) {
        return contentType != null && contentType.split(";")[0].trim().equals(ProtobufDecoder.MEDIA_TYPE);
    }
}
