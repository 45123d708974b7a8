package dev.skiff.api.resource;

import dev.skiff.api.validation.ConfigMapValidation;
import dev.skiff.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.ConfigMap;

import java.util.List;
import java.util.Map;

/** ConfigMaps (v1). Their data stands for a spec. */
public final class ConfigMapStrategy extends TypedStrategy<ConfigMap> {

    public ConfigMapStrategy() {
        super(ConfigMap.class);
    }

    @Override
    protected void defaults(ConfigMap configMap) {
    }

    @Override
    protected List<FieldError> validate(ConfigMap configMap) {
        return ConfigMapValidation.validate(configMap);
    }

    @Override
    protected List<FieldError> validateTransition(ConfigMap configMap, ConfigMap old) {
        return ConfigMapValidation.validateUpdate(configMap, old);
    }

    @Override
    protected Object spec(ConfigMap configMap) {
        return Map.of("data", orEmpty(configMap.getData()), "binaryData", orEmpty(configMap.getBinaryData()));
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
