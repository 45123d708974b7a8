package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.Namespace;

import java.util.ArrayList;
import java.util.List;

import static dev.skiff.api.validation.NullSafe.list;
import static dev.skiff.api.validation.NullSafe.text;

/** Namespaces: DNS-label names and spec.finalizers. */
public final class NamespaceValidation {

    private NamespaceValidation() {
    }

    public static List<FieldError> validate(Namespace namespace) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(namespace.getMetadata(), false,
                NameRule.DNS1123_LABEL));
        List<String> finalizers = namespace.getSpec() == null ? List.of() : list(namespace.getSpec().getFinalizers());
        for (String finalizer : finalizers) {
            String name = text(finalizer);
            errors.addAll(FieldError.invalid("spec.finalizers", name, NameValidation.qualifiedName(name)));
            errors.addAll(ObjectMetaValidation.validateFinalizerIsQualified(name, "spec.finalizers"));
        }
        return errors;
    }
}
