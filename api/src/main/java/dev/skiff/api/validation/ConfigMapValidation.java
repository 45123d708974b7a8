package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.ConfigMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.skiff.api.validation.NullSafe.map;

/** ConfigMaps: valid keys, at most 1 MiB of data, nothing changes once immutable. */
public final class ConfigMapValidation {

    /** The most bytes of data a ConfigMap or Secret may hold. */
    public static final int MAX_SIZE = 1024 * 1024;

    static final String IMMUTABLE_WHEN_SET = "field is immutable when `immutable` is set";

    private ConfigMapValidation() {
    }

    public static List<FieldError> validate(ConfigMap configMap) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(configMap.getMetadata(), true,
                NameRule.DNS1123_SUBDOMAIN));
        Map<String, String> data = new TreeMap<>(map(configMap.getData()));
        Map<String, String> binaryData = new TreeMap<>(map(configMap.getBinaryData()));
        long size = 0;
        for (Map.Entry<String, String> entry : data.entrySet()) {
            String key = entry.getKey();
            errors.addAll(FieldError.invalid("data[" + key + "]", key, NameValidation.configMapKey(key)));
            if (binaryData.containsKey(key)) {
                errors.add(FieldError.invalid("data[" + key + "]", key, "duplicate of key present in binaryData"));
            }
            size += entry.getValue() == null ? 0 : entry.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        for (Map.Entry<String, String> entry : binaryData.entrySet()) {
            String key = entry.getKey();
            String path = "binaryData[" + key + "]";
            errors.addAll(FieldError.invalid(path, key, NameValidation.configMapKey(key)));
            try {
                size += entry.getValue() == null ? 0 : Base64.getDecoder().decode(entry.getValue()).length;
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.invalid(path, "<binary data>", "must be base64-encoded"));
            }
        }
        if (size > MAX_SIZE) {
            // The empty path: the error is about the whole object.
            errors.add(FieldError.tooLong("", MAX_SIZE));
        }
        return errors;
    }

    /** As {@link #validate}; an immutable ConfigMap keeps its data and stays immutable. */
    public static List<FieldError> validateUpdate(ConfigMap configMap, ConfigMap old) {
        List<FieldError> errors = new ArrayList<>();
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(configMap.getImmutable())) {
                errors.add(FieldError.forbidden("immutable", IMMUTABLE_WHEN_SET));
            }
            if (!JsonComparison.equal(configMap.getData(), old.getData())) {
                errors.add(FieldError.forbidden("data", IMMUTABLE_WHEN_SET));
            }
            if (!JsonComparison.equal(configMap.getBinaryData(), old.getBinaryData())) {
                errors.add(FieldError.forbidden("binaryData", IMMUTABLE_WHEN_SET));
            }
        }
        errors.addAll(validate(configMap));
        return errors;
    }
}
