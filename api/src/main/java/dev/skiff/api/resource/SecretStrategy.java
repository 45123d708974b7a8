package dev.skiff.api.resource;

import dev.skiff.api.defaults.SecretDefaults;
import dev.skiff.api.validation.FieldError;
import dev.skiff.api.validation.SecretValidation;
import io.fabric8.kubernetes.api.model.Secret;

import java.util.List;
import java.util.Map;

/** Secrets (v1). Their data stands for a spec. */
public final class SecretStrategy extends TypedStrategy<Secret> {

    public SecretStrategy() {
        super(Secret.class);
    }

    @Override
    protected void defaults(Secret secret) {
        SecretDefaults.apply(secret);
    }

    @Override
    protected List<FieldError> validate(Secret secret) {
        return SecretValidation.validate(secret);
    }

    @Override
    protected List<FieldError> validateTransition(Secret secret, Secret old) {
        return SecretValidation.validateUpdate(secret, old);
    }

    @Override
    protected Object spec(Secret secret) {
        return secret.getData();
    }

    @Override
    protected void addSelectableFields(Secret secret, Map<String, String> fields) {
        fields.put("type", orEmpty(secret.getType()));
    }
}
