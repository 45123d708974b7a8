package dev.skiff.api.resource;

import dev.skiff.api.validation.EventValidation;
import dev.skiff.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.ObjectReference;

import java.util.List;
import java.util.Map;

/** Events (core v1). They have no defaults of their own and no spec. */
public final class EventStrategy extends TypedStrategy<Event> {

    public EventStrategy() {
        super(Event.class);
    }

    @Override
    protected void defaults(Event event) {
    }

    @Override
    protected List<FieldError> validate(Event event) {
        return EventValidation.validate(event);
    }

    @Override
    protected Object spec(Event event) {
        return null;
    }

    @Override
    protected void addSelectableFields(Event event, Map<String, String> fields) {
        ObjectReference involved = event.getInvolvedObject() == null ? new ObjectReference()
                : event.getInvolvedObject();
        EventSource source = event.getSource() == null ? new EventSource() : event.getSource();
        fields.put("involvedObject.kind", orEmpty(involved.getKind()));
        fields.put("involvedObject.namespace", orEmpty(involved.getNamespace()));
        fields.put("involvedObject.name", orEmpty(involved.getName()));
        fields.put("involvedObject.uid", orEmpty(involved.getUid()));
        fields.put("involvedObject.apiVersion", orEmpty(involved.getApiVersion()));
        fields.put("involvedObject.resourceVersion", orEmpty(involved.getResourceVersion()));
        fields.put("involvedObject.fieldPath", orEmpty(involved.getFieldPath()));
        fields.put("reason", orEmpty(event.getReason()));
        fields.put("reportingComponent", orEmpty(event.getReportingComponent()));
        // An event from a new-style reporter has no source.component: the reporting component stands in.
        String component = orEmpty(source.getComponent());
        fields.put("source", component.isEmpty() ? orEmpty(event.getReportingComponent()) : component);
        fields.put("type", orEmpty(event.getType()));
    }
}
