package dev.skiff.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;

import java.util.Map;
import java.util.Objects;

/**
 * Which pods a service selects: those of its namespace whose labels hold every pair of
 * {@code spec.selector}. A service without a selector (absent or empty) selects nothing: its
 * Endpoints are the user's to manage.
 */
final class ServiceSelection {

    private ServiceSelection() {
    }

    static boolean hasSelector(Service service) {
        return service.getSpec() != null && service.getSpec().getSelector() != null
                && !service.getSpec().getSelector().isEmpty();
    }

    static boolean selects(Service service, Pod pod) {
        if (!hasSelector(service) || !Objects.equals(service.getMetadata().getNamespace(), pod.getMetadata().getNamespace())) {
            return false;
        }
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        return service.getSpec().getSelector().entrySet().stream()
                .allMatch(pair -> Objects.equals(labels.get(pair.getKey()), pair.getValue()));
    }
}
