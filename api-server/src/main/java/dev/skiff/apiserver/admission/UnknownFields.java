package dev.skiff.apiserver.admission;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.KubernetesResource;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds and drops the fields of a decoded object that its type does not define. fabric8's model
 * classes keep such fields in {@code additionalProperties}; this walks the object graph, names each
 * one by its path as Kubernetes' strict decoding does ({@code spec.containers[0].imagee}), and
 * removes it, as decoding into Kubernetes' own types does: an unknown field is never stored.
 */
public final class UnknownFields {

    private record Property(String name, Field field) {
    }

    private static final Map<Class<?>, List<Property>> PROPERTIES = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Method> ADDITIONAL = new ConcurrentHashMap<>();

    private UnknownFields() {
    }

    /** Removes the object's unknown fields; returns their paths. */
    public static List<String> remove(KubernetesResource object) {
        List<String> unknown = new ArrayList<>();
        walk(object, null, unknown);
        return unknown;
    }

    /**
     * Where a value sits in the object: a field of its parent, an element of a list or an entry of
     * a map. Rendered as text only when an unknown field is found, so a clean object costs no strings.
     */
    private record Location(Location parent, String field, int index, Object key) {

        static Location field(Location parent, String name) {
            return new Location(parent, name, -1, null);
        }

        static Location element(Location parent, int index) {
            return new Location(parent, null, index, null);
        }

        static Location entry(Location parent, Object key) {
            return new Location(parent, null, -1, key);
        }

        static String render(Location location, String field) {
            StringBuilder path = new StringBuilder();
            append(location, path);
            return path.isEmpty() ? field : path.append('.').append(field).toString();
        }

        private static void append(Location location, StringBuilder path) {
            if (location == null) {
                return;
            }
            append(location.parent, path);
            if (location.field != null) {
                path.append(path.isEmpty() ? "" : ".").append(location.field);
            } else if (location.key != null) {
                path.append('[').append(location.key).append(']');
            } else {
                path.append('[').append(location.index).append(']');
            }
        }
    }

    private static void walk(Object value, Location location, List<String> unknown) {
        if (value instanceof KubernetesResource resource) {
            Map<String, Object> additional = additionalProperties(resource);
            if (!additional.isEmpty()) {
                for (String key : additional.keySet()) {
                    unknown.add(Location.render(location, key));
                }
                additional.clear();
            }
            for (Property p : properties(resource.getClass())) {
                Object child = read(p.field(), resource);
                if (child != null) {
                    walk(child, Location.field(location, p.name()), unknown);
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), Location.element(location, i), unknown);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof KubernetesResource || e.getValue() instanceof Collection<?>) {
                    walk(e.getValue(), Location.entry(location, e.getKey()), unknown);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> additionalProperties(KubernetesResource resource) {
        Method getter = ADDITIONAL.computeIfAbsent(resource.getClass(), c -> {
            try {
                return c.getMethod("getAdditionalProperties");
            } catch (NoSuchMethodException e) {
                return null;
            }
        });
        if (getter == null) {
            return Map.of();
        }
        try {
            Object props = getter.invoke(resource);
            return props == null ? Map.of() : (Map<String, Object>) props;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read additional properties of " + resource.getClass(), e);
        }
    }

    private static List<Property> properties(Class<?> type) {
        return PROPERTIES.computeIfAbsent(type, t -> {
            List<Property> props = new ArrayList<>();
            for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    JsonProperty json = f.getAnnotation(JsonProperty.class);
                    if (json != null && !f.getType().isPrimitive() && !f.getType().getName().startsWith("java.lang")) {
                        f.setAccessible(true);
                        props.add(new Property(json.value().isEmpty() ? f.getName() : json.value(), f));
                    }
                }
            }
            return props;
        });
    }

    private static Object read(Field field, Object owner) {
        try {
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}
