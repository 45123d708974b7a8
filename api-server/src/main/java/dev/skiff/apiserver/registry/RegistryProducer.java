package dev.skiff.apiserver.registry;

import dev.skiff.api.resource.ResourceRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The resources this api-server serves. */
public class RegistryProducer {

    @Produces
    @Singleton
    ResourceRegistry registry() {
        return ResourceRegistry.builtIn();
    }
}
