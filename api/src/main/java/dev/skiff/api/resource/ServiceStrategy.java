package dev.skiff.api.resource;

import dev.skiff.api.defaults.ServiceDefaults;
import dev.skiff.api.validation.FieldError;
import dev.skiff.api.validation.ServiceValidation;
import io.fabric8.kubernetes.api.model.Service;

import java.util.List;
import java.util.Map;

/** Services (v1). */
public final class ServiceStrategy extends TypedStrategy<Service> {

    public ServiceStrategy() {
        super(Service.class);
    }

    /** A full update that leaves out the cluster IPs keeps the allocated ones, as Kubernetes does. */
    @Override
    protected void carryOver(Service service, Service old) {
        if (service.getSpec() == null || old.getSpec() == null) {
            return;
        }
        String clusterIP = service.getSpec().getClusterIP();
        if (clusterIP == null || clusterIP.isEmpty()) {
            service.getSpec().setClusterIP(old.getSpec().getClusterIP());
            if (service.getSpec().getClusterIPs() == null || service.getSpec().getClusterIPs().isEmpty()) {
                service.getSpec().setClusterIPs(old.getSpec().getClusterIPs());
            }
        }
    }

    @Override
    protected void defaults(Service service) {
        ServiceDefaults.apply(service);
    }

    @Override
    protected List<FieldError> validate(Service service) {
        return ServiceValidation.validate(service);
    }

    @Override
    protected List<FieldError> validateTransition(Service service, Service old) {
        return ServiceValidation.validateUpdate(service, old);
    }

    @Override
    public boolean hasStatus() {
        return true;
    }

    @Override
    protected void clearStatus(Service object) {
        object.setStatus(null);
    }

    @Override
    protected Object spec(Service service) {
        return service.getSpec();
    }

    @Override
    protected void addSelectableFields(Service service, Map<String, String> fields) {
        fields.put("spec.clusterIP", service.getSpec() == null ? "" : orEmpty(service.getSpec().getClusterIP()));
        fields.put("spec.type", service.getSpec() == null ? "" : orEmpty(service.getSpec().getType()));
    }
}
