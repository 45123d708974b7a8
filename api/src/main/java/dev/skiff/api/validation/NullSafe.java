package dev.skiff.api.validation;

import java.util.List;
import java.util.Map;

/** Reads optional fields of the fabric8 model (null when absent) as Go reads zero values. */
public final class NullSafe {

    private NullSafe() {
    }

    public static String text(String value) {
        return value == null ? "" : value;
    }

    public static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    public static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }

    public static <K, V> Map<K, V> map(Map<K, V> values) {
        return values == null ? Map.of() : values;
    }
}
