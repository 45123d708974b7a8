package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.skiff.api.validation.NullSafe.isEmpty;

/** The rules every object's {@code metadata} follows, on create and on update. */
public final class ObjectMetaValidation {

    /** The most bytes all annotations of one object (keys and values) may take. */
    public static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

    private static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan", "foregroundDeletion");

    private ObjectMetaValidation() {
    }

    /**
     * Metadata of an object about to be stored: name (or generateName), namespace, labels, annotations,
     * owner references, finalizers. The api-server generates a name from generateName before this runs.
     */
    public static List<FieldError> validate(ObjectMeta meta, boolean namespaced, NameRule nameRule) {
        ObjectMeta m = meta == null ? new ObjectMeta() : meta;
        List<FieldError> errors = new ArrayList<>();
        if (!isEmpty(m.getGenerateName())) {
            errors.addAll(FieldError.invalid("metadata.generateName", m.getGenerateName(),
                    nameRule.validate(m.getGenerateName(), true)));
        }
        if (isEmpty(m.getName())) {
            errors.add(FieldError.required("metadata.name", "name or generateName is required"));
        } else {
            errors.addAll(FieldError.invalid("metadata.name", m.getName(), nameRule.validate(m.getName(), false)));
        }
        if (namespaced) {
            if (isEmpty(m.getNamespace())) {
                errors.add(FieldError.required("metadata.namespace", ""));
            } else {
                errors.addAll(FieldError.invalid("metadata.namespace", m.getNamespace(),
                        NameRule.DNS1123_LABEL.validate(m.getNamespace(), false)));
            }
        } else if (!isEmpty(m.getNamespace())) {
            errors.add(FieldError.forbidden("metadata.namespace", "not allowed on this type"));
        }
        errors.addAll(FieldValidation.nonNegative(m.getGeneration(), "metadata.generation"));
        errors.addAll(LabelValidation.validateLabels(m.getLabels(), "metadata.labels"));
        errors.addAll(validateAnnotations(m.getAnnotations(), "metadata.annotations"));
        errors.addAll(validateOwnerReferences(m.getOwnerReferences()));
        errors.addAll(validateFinalizers(m.getFinalizers()));
        return errors;
    }

    /**
     * What an update may not do to metadata: change the name, namespace or uid, or add finalizers to an object
     * being deleted. An empty uid means "unchanged": Kubernetes fills it from the stored object. The rest of the
     * new metadata is checked by {@link #validate}.
     */
    public static List<FieldError> validateUpdate(ObjectMeta meta, ObjectMeta old) {
        ObjectMeta m = meta == null ? new ObjectMeta() : meta;
        ObjectMeta o = old == null ? new ObjectMeta() : old;
        List<FieldError> errors = new ArrayList<>();
        if (o.getDeletionTimestamp() != null) {
            TreeSet<String> added = new TreeSet<>(m.getFinalizers() == null ? List.of() : m.getFinalizers());
            if (o.getFinalizers() != null) {
                added.removeAll(o.getFinalizers());
            }
            if (!added.isEmpty()) {
                errors.add(FieldError.forbidden("metadata.finalizers",
                        "no new finalizers can be added if the object is being deleted, found new finalizers "
                                + goStringList(List.copyOf(added))));
            }
        }
        errors.addAll(FieldValidation.immutable(m.getName(), o.getName(), "metadata.name"));
        errors.addAll(FieldValidation.immutable(m.getNamespace(), o.getNamespace(), "metadata.namespace"));
        if (!isEmpty(m.getUid())) {
            errors.addAll(FieldValidation.immutable(m.getUid(), o.getUid(), "metadata.uid"));
        }
        return errors;
    }

    /** Annotation keys (qualified names, case-insensitive) and their total size. */
    public static List<FieldError> validateAnnotations(Map<String, String> annotations, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (annotations == null) {
            return errors;
        }
        long totalSize = 0;
        for (Map.Entry<String, String> annotation : new TreeMap<>(annotations).entrySet()) {
            String key = annotation.getKey();
            errors.addAll(FieldError.invalid(path, key, NameValidation.qualifiedName(key.toLowerCase(Locale.ROOT))));
            totalSize += utf8Length(key) + utf8Length(annotation.getValue());
        }
        if (totalSize > TOTAL_ANNOTATION_SIZE_LIMIT) {
            errors.add(FieldError.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
        }
        return errors;
    }

    private static List<FieldError> validateOwnerReferences(List<OwnerReference> references) {
        List<FieldError> errors = new ArrayList<>();
        if (references == null) {
            return errors;
        }
        String path = "metadata.ownerReferences";
        String controller = null;
        for (OwnerReference reference : references) {
            String apiVersion = reference.getApiVersion() == null ? "" : reference.getApiVersion();
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            if (version.isEmpty()) {
                errors.add(FieldError.invalid(path + ".apiVersion", apiVersion, "version must not be empty"));
            }
            if (isEmpty(reference.getKind())) {
                errors.add(FieldError.invalid(path + ".kind", "", "must not be empty"));
            }
            if (isEmpty(reference.getName())) {
                errors.add(FieldError.invalid(path + ".name", "", "must not be empty"));
            }
            if (isEmpty(reference.getUid())) {
                errors.add(FieldError.invalid(path + ".uid", "", "must not be empty"));
            }
            if ("v1".equals(apiVersion) && "Event".equals(reference.getKind())) {
                errors.add(FieldError.invalid(path, reference, "/v1, Kind=Event is disallowed from being an owner"));
            }
            if (Boolean.TRUE.equals(reference.getController())) {
                String name = reference.getKind() + "/" + reference.getName();
                if (controller != null) {
                    errors.add(FieldError.invalid(path, references, "Only one reference can have Controller set to "
                            + "true. Found \"true\" in references for " + controller + " and " + name));
                } else {
                    controller = name;
                }
            }
        }
        return errors;
    }

    private static List<FieldError> validateFinalizers(List<String> finalizers) {
        List<FieldError> errors = new ArrayList<>();
        if (finalizers == null) {
            return errors;
        }
        for (int i = 0; i < finalizers.size(); i++) {
            String finalizer = finalizers.get(i) == null ? "" : finalizers.get(i);
            errors.addAll(FieldError.invalid("metadata.finalizers", finalizer,
                    NameValidation.qualifiedName(finalizer)));
            errors.addAll(validateFinalizerIsQualified(finalizer, "metadata.finalizers[" + i + "]"));
        }
        if (finalizers.contains("orphan") && finalizers.contains("foregroundDeletion")) {
            errors.add(FieldError.invalid("metadata.finalizers", finalizers,
                    "finalizer orphan and foregroundDeletion cannot be both set"));
        }
        return errors;
    }

    /** A finalizer without a domain prefix must be one of Kubernetes' own ("kubernetes", "orphan", ...). */
    static List<FieldError> validateFinalizerIsQualified(String finalizer, String path) {
        if (!finalizer.contains("/") && !STANDARD_FINALIZERS.contains(finalizer)) {
            return List.of(FieldError.invalid(path, finalizer,
                    "name is neither a standard finalizer name nor is it fully qualified"));
        }
        return List.of();
    }

    /** Go's %#v of a []string, as Kubernetes prints lists in messages: {@code []string{"a", "b"}}. */
    private static String goStringList(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"")
                .collect(Collectors.joining(", ", "[]string{", "}"));
    }

    private static long utf8Length(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
