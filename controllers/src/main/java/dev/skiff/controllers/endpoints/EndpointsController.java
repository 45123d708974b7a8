package dev.skiff.controllers.endpoints;

import dev.skiff.controllers.Controller;
import dev.skiff.controllers.ControllerContext;
import dev.skiff.controllers.ReconcileLoop;
import dev.skiff.informer.EventRecorder;
import dev.skiff.informer.Indexer;
import dev.skiff.informer.Indexes;
import dev.skiff.informer.Informer;
import dev.skiff.informer.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes' endpoints controller: keeps, for every service with a selector, an Endpoints object
 * of the same name listing the IPs and ports of the pods it selects (see {@link DesiredEndpoints}).
 * Services without a selector are left alone (their Endpoints are the user's), and so are
 * ExternalName services (a DNS alias has no endpoints); deleting a service
 * deletes its Endpoints, and Endpoints left over without a service are deleted when the
 * controller starts leading. Writes only when the stored object differs.
 */
@Singleton
public class EndpointsController implements Controller {

    static final String NAME = "endpoint-controller";
    private static final Logger LOG = Logger.getLogger(EndpointsController.class);

    private KubernetesClient client;
    private EventRecorder recorder;
    private Informer<Service> services;
    private Informer<Pod> pods;
    private Informer<Endpoints> endpoints;
    private ReconcileLoop loop;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void register(ControllerContext context) {
        client = context.client();
        recorder = context.recorder(NAME);
        services = context.informers().informer(Service.class);
        pods = context.informers().informer(Pod.class);
        endpoints = context.informers().informer(Endpoints.class);
        loop = context.reconcileLoop(NAME, context.config().endpoints().workers(), this::reconcile);
        services.addEventHandler(loop.enqueueEveryChange());
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                servicesOf(pod).forEach(loop::enqueue);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                if (oldPod == newPod) {
                    return;
                }
                Set<String> keys = new LinkedHashSet<>(servicesOf(newPod));
                keys.addAll(servicesOf(oldPod));
                keys.forEach(loop::enqueue);
            }

            @Override
            public void onDelete(Pod pod) {
                servicesOf(pod).forEach(loop::enqueue);
            }
        });
        endpoints.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onDelete(Endpoints deleted) {
                loop.enqueue(Indexer.keyOf(deleted));
            }
        });
    }

    @Override
    public void start() {
        // Endpoints whose service went while no controller ran: each key finds no service and is deleted
        endpoints.indexer().listKeys().forEach(loop::enqueue);
        loop.start();
    }

    @Override
    public void stop(Duration wait) {
        loop.stop(wait);
    }

    /** The keys of the services in the pod's namespace whose selector matches it. */
    private List<String> servicesOf(Pod pod) {
        return services.indexer().byIndex(Indexes.NAMESPACE, pod.getMetadata().getNamespace()).stream()
                .filter(service -> ServiceSelection.selects(service, pod))
                .map(Indexer::keyOf)
                .toList();
    }

    void reconcile(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            LOG.warnf("endpoint controller: ignoring the key %s, which names no namespace", key);
            return;
        }
        String namespace = key.substring(0, slash);
        String name = key.substring(slash + 1);
        Service service = services.indexer().get(key).orElse(null);
        if (service == null) {
            deleteEndpoints(namespace, name);
            return;
        }
        if (!ServiceSelection.hasSelector(service) || "ExternalName".equals(service.getSpec().getType())) {
            return;
        }
        List<Pod> selected = pods.indexer().byIndex(Indexes.NAMESPACE, namespace).stream()
                .filter(pod -> ServiceSelection.selects(service, pod))
                .toList();
        DesiredEndpoints desired = DesiredEndpoints.of(service, selected);
        Endpoints current = endpoints.indexer().get(key).orElse(null);
        if (current != null && SubsetEquivalence.same(current.getSubsets(), desired.subsets())
                && SubsetEquivalence.sameLabels(current.getMetadata().getLabels(), desired.labels())) {
            return;
        }
        write(service, current, desired);
    }

    private void write(Service service, Endpoints current, DesiredEndpoints desired) {
        String namespace = service.getMetadata().getNamespace();
        String name = service.getMetadata().getName();
        EndpointsBuilder next = current == null
                ? new EndpointsBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                : new EndpointsBuilder(current);
        Endpoints endpointsObject = next.editMetadata().withLabels(desired.labels()).endMetadata()
                .withSubsets(desired.subsets())
                .build();
        try {
            if (current == null) {
                client.endpoints().inNamespace(namespace).resource(endpointsObject).create();
            } else {
                client.endpoints().inNamespace(namespace).resource(endpointsObject).update();
            }
            LOG.debugf("endpoints %s/%s: %s, %d subsets", namespace, name, current == null ? "created" : "updated",
                    desired.subsets().size());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw e;
            }
            if (e.getCode() == 403 && isTerminating(namespace)) {
                LOG.debugf("endpoints %s/%s: not written, the namespace is terminating", namespace, name);
                return;
            }
            String reason = current == null ? "FailedToCreateEndpoint" : "FailedToUpdateEndpoint";
            recorder.warning(service, reason, "Failed to " + (current == null ? "create" : "update") + " endpoint "
                    + namespace + "/" + name + ": " + e.getMessage());
            throw e;
        }
    }

    private void deleteEndpoints(String namespace, String name) {
        if (client.endpoints().inNamespace(namespace).withName(name).delete().isEmpty()) {
            return;
        }
        LOG.debugf("endpoints %s/%s: deleted, its service is gone", namespace, name);
    }

    private boolean isTerminating(String namespace) {
        var ns = client.namespaces().withName(namespace).get();
        return ns == null || ns.getMetadata().getDeletionTimestamp() != null;
    }
}
