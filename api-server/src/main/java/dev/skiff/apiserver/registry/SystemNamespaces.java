package dev.skiff.apiserver.registry;

import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import dev.skiff.apiserver.admission.WriteOptions;
import dev.skiff.apiserver.storage.ResourceStorage;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import org.jboss.logging.Logger;

import java.util.List;

/** Creates the namespaces every Kubernetes cluster has, when the api-server starts. */
@ApplicationScoped
public class SystemNamespaces {

    static final List<String> NAMES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private static final Logger LOG = Logger.getLogger(SystemNamespaces.class);

    void create(@Observes @Priority(1) StartupEvent event, ResourceRegistry registry, ResourceStorage storage,
                ResourceOperations operations) {
        ResourceType namespaces = registry.find("", "v1", "namespaces").orElseThrow();
        for (String name : NAMES) {
            if (storage.find(namespaces, null, name).isPresent()) {
                continue;
            }
            try {
                operations.create(namespaces, null, new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build(),
                        WriteOptions.internal());
                LOG.infof("namespace %s created", name);
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
        }
    }
}
