package dev.skiff.api.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.Secret;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.skiff.api.validation.NullSafe.map;
import static dev.skiff.api.validation.NullSafe.text;

/**
 * Secrets: valid keys, at most 1 MiB, the keys each well-known type requires; the type never changes and an
 * immutable Secret keeps its data. {@code stringData} has been merged into {@code data} by the defaults.
 */
public final class SecretValidation {

    private static final String REDACTED = "<secret contents redacted>";

    private SecretValidation() {
    }

    public static List<FieldError> validate(Secret secret) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(secret.getMetadata(), true,
                NameRule.DNS1123_SUBDOMAIN));
        Map<String, byte[]> data = new TreeMap<>();
        long size = 0;
        for (Map.Entry<String, String> entry : new TreeMap<>(map(secret.getData())).entrySet()) {
            String key = entry.getKey();
            String path = "data[" + key + "]";
            errors.addAll(FieldError.invalid(path, key, NameValidation.configMapKey(key)));
            try {
                byte[] value = Base64.getDecoder().decode(text(entry.getValue()));
                data.put(key, value);
                size += value.length;
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.invalid(path, REDACTED, "must be base64-encoded"));
            }
        }
        if (size > ConfigMapValidation.MAX_SIZE) {
            errors.add(FieldError.tooLong("data", ConfigMapValidation.MAX_SIZE));
        }
        errors.addAll(validateForType(secret, data));
        return errors;
    }

    public static List<FieldError> validateUpdate(Secret secret, Secret old) {
        List<FieldError> errors = new ArrayList<>(FieldValidation.immutable(secret.getType(), old.getType(), "type"));
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(secret.getImmutable())) {
                errors.add(FieldError.forbidden("immutable", ConfigMapValidation.IMMUTABLE_WHEN_SET));
            }
            if (!JsonComparison.equal(secret.getData(), old.getData())) {
                errors.add(FieldError.forbidden("data", ConfigMapValidation.IMMUTABLE_WHEN_SET));
            }
        }
        errors.addAll(validate(secret));
        return errors;
    }

    /** The keys (or annotation) each built-in secret type needs. */
    private static List<FieldError> validateForType(Secret secret, Map<String, byte[]> data) {
        List<FieldError> errors = new ArrayList<>();
        switch (text(secret.getType())) {
            case "kubernetes.io/service-account-token" -> {
                Map<String, String> annotations = secret.getMetadata() == null ? Map.of()
                        : map(secret.getMetadata().getAnnotations());
                if (text(annotations.get("kubernetes.io/service-account.name")).isEmpty()) {
                    errors.add(FieldError.required("metadata.annotations[kubernetes.io/service-account.name]", ""));
                }
            }
            case "kubernetes.io/dockercfg" -> errors.addAll(requireJson(data, ".dockercfg"));
            case "kubernetes.io/dockerconfigjson" -> errors.addAll(requireJson(data, ".dockerconfigjson"));
            case "kubernetes.io/basic-auth" -> {
                if (!data.containsKey("username") && !data.containsKey("password")) {
                    errors.add(FieldError.required("data[username]", ""));
                    errors.add(FieldError.required("data[password]", ""));
                }
            }
            case "kubernetes.io/ssh-auth" -> {
                if (data.getOrDefault("ssh-privatekey", new byte[0]).length == 0) {
                    errors.add(FieldError.required("data[ssh-privatekey]", ""));
                }
            }
            case "kubernetes.io/tls" -> {
                if (!data.containsKey("tls.crt")) {
                    errors.add(FieldError.required("data[tls.crt]", ""));
                }
                if (!data.containsKey("tls.key")) {
                    errors.add(FieldError.required("data[tls.key]", ""));
                }
            }
            default -> {
            }
        }
        return errors;
    }

    /** The key must be present and hold a JSON object, as docker config secrets do. */
    private static List<FieldError> requireJson(Map<String, byte[]> data, String key) {
        String path = "data[" + key + "]";
        if (!data.containsKey(key)) {
            return List.of(FieldError.required(path, ""));
        }
        try {
            Json.MAPPER.readValue(data.get(key), Map.class);
            return List.of();
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            return List.of(FieldError.invalid(path, REDACTED, reason));
        }
    }
}
