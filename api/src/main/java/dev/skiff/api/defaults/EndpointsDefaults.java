package dev.skiff.api.defaults;

import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;

import static dev.skiff.api.validation.NullSafe.isEmpty;
import static dev.skiff.api.validation.NullSafe.list;

/** Endpoint ports are TCP unless told otherwise. */
public final class EndpointsDefaults {

    private EndpointsDefaults() {
    }

    public static void apply(Endpoints endpoints) {
        for (EndpointSubset subset : list(endpoints.getSubsets())) {
            for (EndpointPort port : list(subset.getPorts())) {
                if (isEmpty(port.getProtocol())) {
                    port.setProtocol("TCP");
                }
            }
        }
    }
}
