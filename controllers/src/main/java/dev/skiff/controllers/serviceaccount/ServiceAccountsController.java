package dev.skiff.controllers.serviceaccount;

import dev.skiff.controllers.Controller;
import dev.skiff.controllers.ControllerContext;
import dev.skiff.controllers.ReconcileLoop;
import dev.skiff.informer.Indexer;
import dev.skiff.informer.Informer;
import dev.skiff.informer.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.OptionalInt;
import org.jboss.logging.Logger;

/**
 * Kubernetes' service account controller: every namespace that is not being deleted has a
 * ServiceAccount named {@code default}, the one a pod runs as when it names none. A namespace's
 * new or deleted {@code default} account brings it back.
 */
@Singleton
public class ServiceAccountsController implements Controller {

    static final String NAME = "serviceaccount-controller";
    static final String DEFAULT = "default";
    private static final Logger LOG = Logger.getLogger(ServiceAccountsController.class);

    private KubernetesClient client;
    private Informer<Namespace> namespaces;
    private Informer<ServiceAccount> accounts;
    private ReconcileLoop loop;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void register(ControllerContext context) {
        client = context.client();
        loop = context.reconcileLoop(NAME, OptionalInt.empty(), this::reconcile);
        namespaces = context.informers().informer(Namespace.class);
        accounts = context.informers().informer(ServiceAccount.class);
        namespaces.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace namespace) {
                loop.enqueue(namespace.getMetadata().getName());
            }

            @Override
            public void onUpdate(Namespace oldNamespace, Namespace newNamespace) {
                loop.enqueue(newNamespace.getMetadata().getName());
            }
        });
        accounts.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onDelete(ServiceAccount account) {
                if (DEFAULT.equals(account.getMetadata().getName())) {
                    loop.enqueue(account.getMetadata().getNamespace());
                }
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

    void reconcile(String namespace) {
        Namespace cached = namespaces.indexer().get(namespace).orElse(null);
        if (cached == null || cached.getMetadata().getDeletionTimestamp() != null
                || "Terminating".equals(cached.getStatus() == null ? null : cached.getStatus().getPhase())) {
            return;
        }
        if (accounts.indexer().get(Indexer.keyOf(account(namespace))).isPresent()) {
            return;
        }
        try {
            client.serviceAccounts().inNamespace(namespace).resource(account(namespace)).create();
            LOG.infof("serviceaccount %s/%s created", namespace, DEFAULT);
        } catch (KubernetesClientException e) {
            // there already (the cache is behind), or the namespace went meanwhile: nothing to do
            if (e.getCode() != 409 && e.getCode() != 404 && e.getCode() != 403) {
                throw e;
            }
            LOG.debugf("serviceaccount %s/%s not created: %s", namespace, DEFAULT, e.getMessage());
        }
    }

    private static ServiceAccount account(String namespace) {
        return new ServiceAccountBuilder().withNewMetadata().withName(DEFAULT).withNamespace(namespace).endMetadata().build();
    }
}
