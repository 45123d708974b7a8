package dev.skiff.runtime.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The labels the runtime puts on its Docker containers beside the caller's: what the container is
 * (sandbox or app container), its pod, and for app containers their sandbox, name and attempt, so
 * that a listing can be read back without other state. Keys starting with {@link #PREFIX} are the
 * runtime's own; callers may not use them. Docker adds the image's labels to a container's, so the
 * keys the caller gave are recorded too, and only those are shown as the caller's.
 */
final class Labels {

    static final String PREFIX = "dev.skiff.runtime.";
    static final String TYPE = PREFIX + "type";
    static final String SANDBOX = "sandbox";
    static final String CONTAINER = "container";
    static final String POD_NAMESPACE = PREFIX + "pod-namespace";
    static final String POD_NAME = PREFIX + "pod-name";
    static final String POD_UID = PREFIX + "pod-uid";
    static final String ATTEMPT = PREFIX + "attempt";
    static final String SANDBOX_ID = PREFIX + "sandbox-id";
    static final String CONTAINER_NAME = PREFIX + "container-name";
    static final String CALLER_KEYS = PREFIX + "caller-keys";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> KEY_LIST = new TypeReference<>() {
    };

    private Labels() {
    }

    /** The caller's labels plus the runtime's own; rejects caller labels in the runtime's namespace. */
    static Map<String, String> merge(Map<String, String> caller, Map<String, String> own) {
        caller.keySet().stream().filter(key -> key.startsWith(PREFIX)).findFirst().ifPresent(key -> {
            throw new IllegalArgumentException("label " + key + " is reserved: keys starting with " + PREFIX
                    + " belong to the Docker runtime");
        });
        Map<String, String> labels = new LinkedHashMap<>(caller);
        labels.putAll(own);
        try {
            labels.put(CALLER_KEYS, JSON.writeValueAsString(new TreeSet<>(caller.keySet())));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return labels;
    }

    /** The filter for a listing: the caller's labels and the type. */
    static Map<String, String> filter(Map<String, String> caller, String type) {
        Map<String, String> filter = new HashMap<>(caller);
        filter.put(TYPE, type);
        return filter;
    }

    /** The labels the caller gave, out of all a container carries. */
    static Map<String, String> callers(Map<String, String> labels) {
        if (labels == null || !labels.containsKey(CALLER_KEYS)) {
            return Map.of();
        }
        List<String> keys;
        try {
            keys = JSON.readValue(labels.get(CALLER_KEYS), KEY_LIST);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
        Map<String, String> caller = new HashMap<>();
        for (String key : keys) {
            if (labels.containsKey(key)) {
                caller.put(key, labels.get(key));
            }
        }
        return Map.copyOf(caller);
    }

    static int attempt(Map<String, String> labels) {
        String attempt = labels.get(ATTEMPT);
        try {
            return attempt == null ? 0 : Integer.parseInt(attempt);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
