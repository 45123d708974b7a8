package dev.skiff.api.resource;

import dev.skiff.api.validation.FieldError;
import dev.skiff.api.validation.ServiceAccountValidation;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.Arrays;
import java.util.List;

/** ServiceAccounts (v1): who a pod runs as (Skiff issues no tokens; see the README). */
public final class ServiceAccountStrategy extends TypedStrategy<ServiceAccount> {

    public ServiceAccountStrategy() {
        super(ServiceAccount.class);
    }

    @Override
    protected void defaults(ServiceAccount account) {
    }

    @Override
    protected List<FieldError> validate(ServiceAccount account) {
        return ServiceAccountValidation.validate(account);
    }

    @Override
    protected Object spec(ServiceAccount account) {
        return Arrays.asList(account.getSecrets(), account.getImagePullSecrets(), account.getAutomountServiceAccountToken());
    }
}
