package dev.skiff.apiserver.http;

import dev.skiff.api.status.ApiException;
import io.vertx.core.MultiMap;

/** Typed access to the query parameters Kubernetes defines, with 400 for malformed values. */
record QueryParams(MultiMap params) {

    String get(String name) {
        return params.get(name);
    }

    boolean flag(String name) {
        String v = params.get(name);
        return v != null && (v.equals("true") || v.equals("1"));
    }

    long longValue(String name, long fallback) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid value for " + name + ": \"" + v + "\" is not an integer");
        }
    }

    /** {@code dryRun=All} asks for everything but the write; it is the only value Kubernetes defines. */
    boolean dryRun() {
        var values = params.getAll("dryRun");
        for (String v : values) {
            if (!v.equals("All")) {
                throw ApiException.badRequest("invalid dry run option: \"" + v + "\", the only supported value is \"All\"");
            }
        }
        return !values.isEmpty();
    }

    /** A resourceVersion parameter as a revision; 0 when absent or "0". */
    long resourceVersion() {
        String v = params.get("resourceVersion");
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            long rv = Long.parseLong(v);
            if (rv < 0) {
                throw new NumberFormatException();
            }
            return rv;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resourceVersion: \"" + v + "\"");
        }
    }
}
