package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;

import java.util.ArrayList;
import java.util.List;

import static dev.skiff.api.validation.NullSafe.isEmpty;
import static dev.skiff.api.validation.NullSafe.text;

/**
 * Core (v1) events, with Kubernetes' legacy rules: an event lives in its object's namespace ("default" for
 * cluster-scoped objects), and a new-style event (with eventTime) names its reporter and action.
 */
public final class EventValidation {

    private static final int REPORTING_INSTANCE_LIMIT = 128;
    private static final int ACTION_LIMIT = 128;
    private static final int REASON_LIMIT = 128;
    private static final int NOTE_LIMIT = 1024;
    private static final String NAMESPACE_MISMATCH = "does not match event.namespace";

    private EventValidation() {
    }

    public static List<FieldError> validate(Event event) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(event.getMetadata(), true,
                NameRule.DNS1123_SUBDOMAIN));
        String namespace = event.getMetadata() == null ? "" : text(event.getMetadata().getNamespace());
        ObjectReference involved = event.getInvolvedObject() == null ? new ObjectReference()
                : event.getInvolvedObject();
        String involvedNamespace = text(involved.getNamespace());
        boolean newStyle = event.getEventTime() != null && !isEmpty(event.getEventTime().getTime());
        if (!newStyle) {
            boolean matches = involvedNamespace.isEmpty()
                    ? namespace.isEmpty() || namespace.equals("default")
                    : namespace.equals(involvedNamespace);
            if (!matches) {
                errors.add(FieldError.invalid("involvedObject.namespace", involvedNamespace, NAMESPACE_MISMATCH));
            }
            return errors;
        }
        if (involvedNamespace.isEmpty() && !namespace.equals("default") && !namespace.equals("kube-system")) {
            errors.add(FieldError.invalid("involvedObject.namespace", involvedNamespace, NAMESPACE_MISMATCH));
        }
        String component = text(event.getReportingComponent());
        if (component.isEmpty()) {
            errors.add(FieldError.required("reportingComponent", ""));
        }
        errors.addAll(FieldError.invalid("reportingComponent", component, NameValidation.qualifiedName(component)));
        errors.addAll(requiredWithLimit(event.getReportingInstance(), REPORTING_INSTANCE_LIMIT, "reportingInstance"));
        errors.addAll(requiredWithLimit(event.getAction(), ACTION_LIMIT, "action"));
        errors.addAll(requiredWithLimit(event.getReason(), REASON_LIMIT, "reason"));
        if (text(event.getMessage()).length() > NOTE_LIMIT) {
            errors.add(FieldError.invalid("message", "", "can have at most " + NOTE_LIMIT + " characters"));
        }
        return errors;
    }

    private static List<FieldError> requiredWithLimit(String value, int limit, String path) {
        if (isEmpty(value)) {
            return List.of(FieldError.required(path, ""));
        }
        return value.length() > limit
                ? List.of(FieldError.invalid(path, "", "can have at most " + limit + " characters")) : List.of();
    }
}
