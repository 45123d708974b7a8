package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.ArrayList;
import java.util.List;

/** ServiceAccounts (v1): a DNS subdomain name, in a namespace; the secrets they list are named. */
public final class ServiceAccountValidation {

    private ServiceAccountValidation() {
    }

    public static List<FieldError> validate(ServiceAccount account) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(account.getMetadata(), true, NameRule.DNS1123_SUBDOMAIN));
        List<ObjectReference> secrets = NullSafe.list(account.getSecrets());
        for (int i = 0; i < secrets.size(); i++) {
            if (secrets.get(i) == null || secrets.get(i).getName() == null || secrets.get(i).getName().isEmpty()) {
                errors.add(FieldError.required("secrets[" + i + "].name", ""));
            }
        }
        List<LocalObjectReference> pullSecrets = NullSafe.list(account.getImagePullSecrets());
        for (int i = 0; i < pullSecrets.size(); i++) {
            if (pullSecrets.get(i) == null || pullSecrets.get(i).getName() == null || pullSecrets.get(i).getName().isEmpty()) {
                errors.add(FieldError.required("imagePullSecrets[" + i + "].name", ""));
            }
        }
        return errors;
    }
}
