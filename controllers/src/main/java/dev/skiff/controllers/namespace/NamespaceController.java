package dev.skiff.controllers.namespace;

import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.controllers.Controller;
import dev.skiff.controllers.ControllerContext;
import dev.skiff.controllers.ReconcileLoop;
import dev.skiff.informer.Informer;
import dev.skiff.informer.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Kubernetes' namespace controller: empties a namespace that is being deleted (phase Terminating,
 * {@code kubernetes} in {@code spec.finalizers}) by deleting every namespaced object in it, reports
 * the progress in the namespace's status conditions ({@link NamespaceConditions}), checks again
 * while content remains (pods on a node stay until their kubelet has stopped them), and once the
 * namespace is empty removes its {@code kubernetes} finalizer through the {@code finalize}
 * subresource, after which the api-server deletes the namespace.
 */
@Singleton
public class NamespaceController implements Controller {

    static final String NAME = "namespace-controller";
    static final String FINALIZER = "kubernetes";
    private static final Logger LOG = Logger.getLogger(NamespaceController.class);

    private KubernetesClient client;
    private Clock clock;
    private Duration recheckInterval;
    private NamespaceContentDeleter deleter;
    private Informer<Namespace> namespaces;
    private ReconcileLoop loop;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void register(ControllerContext context) {
        client = context.client();
        clock = context.clock();
        recheckInterval = context.config().namespace().recheckInterval();
        List<ResourceType> namespaced = ResourceRegistry.builtIn().all().stream().filter(ResourceType::namespaced).toList();
        deleter = new NamespaceContentDeleter(client, namespaced);
        loop = context.reconcileLoop(NAME, context.config().namespace().workers(), this::reconcile);
        namespaces = context.informers().informer(Namespace.class);
        namespaces.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace namespace) {
                enqueueIfDeleting(namespace);
            }

            @Override
            public void onUpdate(Namespace oldNamespace, Namespace newNamespace) {
                enqueueIfDeleting(newNamespace);
            }
        });
        context.informers().informer(Pod.class).addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onDelete(Pod pod) {
                namespaces.indexer().get(pod.getMetadata().getNamespace()).ifPresent(NamespaceController.this::enqueueIfDeleting);
            }
        });
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop(Duration wait) {
        loop.stop(wait);
    }

    private void enqueueIfDeleting(Namespace namespace) {
        if (namespace.getMetadata().getDeletionTimestamp() != null) {
            loop.enqueue(namespace.getMetadata().getName());
        }
    }

    void reconcile(String name) {
        Namespace cached = namespaces.indexer().get(name).orElse(null);
        if (cached == null || cached.getMetadata().getDeletionTimestamp() == null) {
            return;
        }
        Namespace live = client.namespaces().withName(name).get();
        if (live == null || live.getMetadata().getDeletionTimestamp() == null || !finalizers(live).contains(FINALIZER)) {
            return;
        }
        ContentDeletion result = deleter.deleteAll(name);
        Namespace current = writeConditions(live, result);
        if (!result.errors().isEmpty()) {
            throw new IllegalStateException("namespace " + name + ": some content could not be deleted: " + result.errors());
        }
        if (!result.remaining().isEmpty()) {
            LOG.debugf("namespace %s: waiting for %s to go", name, result.remaining());
            loop.enqueueAfter(name, recheckInterval);
            return;
        }
        Namespace finalized = new NamespaceBuilder(current).editSpec()
                .withFinalizers(finalizers(current).stream().filter(f -> !f.equals(FINALIZER)).toList())
                .endSpec().build();
        client.namespaces().resource(finalized).subresource("finalize").update();
        LOG.infof("namespace %s: emptied, removed the %s finalizer", name, FINALIZER);
    }

    /** Writes the conditions the pass calls for, if they differ from the namespace's; returns the namespace as it now is. */
    private Namespace writeConditions(Namespace namespace, ContentDeletion result) {
        List<NamespaceCondition> current = namespace.getStatus() == null ? List.of() : namespace.getStatus().getConditions();
        List<NamespaceCondition> next = NamespaceConditions.after(result, current, clock.instant());
        if (NamespaceConditions.same(current, next)) {
            return namespace;
        }
        Namespace updated = new NamespaceBuilder(namespace).editOrNewStatus().withConditions(next).endStatus().build();
        return client.namespaces().resource(updated).updateStatus();
    }

    private static List<String> finalizers(Namespace namespace) {
        return namespace.getSpec() == null || namespace.getSpec().getFinalizers() == null ? List.of()
                : namespace.getSpec().getFinalizers();
    }
}
