package dev.skiff.api.defaults;

import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.skiff.api.validation.NullSafe.isEmpty;

/**
 * A secret is Opaque unless typed; its write-only {@code stringData} is merged into {@code data} (base64,
 * overriding keys present in both) and dropped, as the Kubernetes API does.
 */
public final class SecretDefaults {

    private SecretDefaults() {
    }

    public static void apply(Secret secret) {
        if (isEmpty(secret.getType())) {
            secret.setType("Opaque");
        }
        Map<String, String> stringData = secret.getStringData();
        if (stringData != null && !stringData.isEmpty()) {
            Map<String, String> data = secret.getData() == null ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(secret.getData());
            stringData.forEach((key, value) -> data.put(key,
                    Base64.getEncoder().encodeToString((value == null ? "" : value).getBytes(StandardCharsets.UTF_8))));
            secret.setData(data);
        }
        secret.setStringData(null);
    }
}
