package dev.skiff.api.validation;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;

import java.util.ArrayList;
import java.util.List;

import static dev.skiff.api.validation.NullSafe.isEmpty;
import static dev.skiff.api.validation.NullSafe.list;
import static dev.skiff.api.validation.NullSafe.text;

/** Endpoints: the addresses and ports behind a service. */
public final class EndpointsValidation {

    private EndpointsValidation() {
    }

    public static List<FieldError> validate(Endpoints endpoints) {
        List<FieldError> errors = new ArrayList<>(ObjectMetaValidation.validate(endpoints.getMetadata(), true,
                NameRule.DNS1123_SUBDOMAIN));
        List<EndpointSubset> subsets = list(endpoints.getSubsets());
        for (int i = 0; i < subsets.size(); i++) {
            errors.addAll(validateSubset(subsets.get(i), "subsets[" + i + "]"));
        }
        return errors;
    }

    private static List<FieldError> validateSubset(EndpointSubset subset, String path) {
        List<FieldError> errors = new ArrayList<>();
        List<EndpointAddress> ready = list(subset.getAddresses());
        List<EndpointAddress> notReady = list(subset.getNotReadyAddresses());
        if (ready.isEmpty() && notReady.isEmpty()) {
            errors.add(FieldError.required(path, "must specify `addresses` or `notReadyAddresses`"));
        }
        for (int i = 0; i < ready.size(); i++) {
            errors.addAll(validateAddress(ready.get(i), path + ".addresses[" + i + "]"));
        }
        for (int i = 0; i < notReady.size(); i++) {
            errors.addAll(validateAddress(notReady.get(i), path + ".notReadyAddresses[" + i + "]"));
        }
        List<EndpointPort> ports = list(subset.getPorts());
        for (int i = 0; i < ports.size(); i++) {
            errors.addAll(validatePort(ports.get(i), ports.size() > 1, path + ".ports[" + i + "]"));
        }
        return errors;
    }

    private static List<FieldError> validateAddress(EndpointAddress address, String path) {
        List<FieldError> errors = new ArrayList<>(NetworkValidation.ipAddress(address.getIp(), path + ".ip"));
        String hostname = text(address.getHostname());
        if (!hostname.isEmpty()) {
            errors.addAll(FieldError.invalid(path + ".hostname", hostname, NameValidation.dns1123Label(hostname)));
        }
        if (address.getNodeName() != null) {
            String nodeName = address.getNodeName();
            errors.addAll(FieldError.invalid(path + ".nodeName", nodeName,
                    NameRule.DNS1123_SUBDOMAIN.validate(nodeName, false)));
        }
        errors.addAll(NetworkValidation.nonSpecialIpAddress(address.getIp(), path + ".ip"));
        return errors;
    }

    private static List<FieldError> validatePort(EndpointPort port, boolean nameRequired, String path) {
        List<FieldError> errors = new ArrayList<>();
        String name = text(port.getName());
        if (nameRequired && name.isEmpty()) {
            errors.add(FieldError.required(path + ".name", ""));
        } else if (!name.isEmpty()) {
            errors.addAll(FieldError.invalid(path + ".name", name, NameValidation.dns1123Label(name)));
        }
        int number = port.getPort() == null ? 0 : port.getPort();
        errors.addAll(FieldError.invalid(path + ".port", number, NetworkValidation.portNumber(number)));
        errors.addAll(NetworkValidation.protocol(port.getProtocol(), path + ".protocol"));
        if (!isEmpty(port.getAppProtocol())) {
            errors.addAll(LabelValidation.validateLabelKey(port.getAppProtocol(), path + ".appProtocol"));
        }
        return errors;
    }
}
