package dev.skiff.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.controllers.replicaset.ControllerRefs;
import dev.skiff.informer.Indexes;
import dev.skiff.informer.Informer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A DaemonSet's history as ControllerRevisions, as Kubernetes' {@code constructHistory} and
 * {@code cleanupHistory}: one revision per template it had, named {@code <daemonset>-<hash>} and
 * labelled with the hash its pods carry, whose data is the patch that puts that template back
 * ({@code {"spec":{"template":{…,"$patch":"replace"}}}}, what {@code kubectl rollout undo} sends);
 * the current template's revision has the highest number (going back to an old template renumbers
 * its revision), and old revisions beyond {@code revisionHistoryLimit} that no pod runs are deleted,
 * oldest first.
 */
final class DaemonSetHistory {

    private static final Logger LOG = Logger.getLogger(DaemonSetHistory.class);

    private final KubernetesClient client;
    private final Informer<ControllerRevision> revisions;

    DaemonSetHistory(KubernetesClient client, Informer<ControllerRevision> revisions) {
        this.client = client;
        this.revisions = revisions;
    }

    /** The patch that restores DS's template. */
    static JsonNode patch(DaemonSet ds) {
        ObjectNode template = Json.MAPPER.valueToTree(ds.getSpec().getTemplate());
        template.put("$patch", "replace");
        ObjectNode patch = Json.MAPPER.createObjectNode();
        patch.putObject("spec").set("template", template);
        return patch;
    }

    /** Makes sure DS's current template (of hash HASH) has the newest revision, creating or renumbering it. */
    void record(DaemonSet ds, String hash) {
        List<ControllerRevision> owned = owned(ds);
        JsonNode data = canonical(patch(ds));
        long newest = owned.stream().mapToLong(r -> Objects.requireNonNullElse(r.getRevision(), 0L)).max().orElse(0);
        // only a revision of the same hash can hold this template: the others' data is not read back on every pass
        ControllerRevision current = owned.stream().filter(r -> hash.equals(hashOf(r)) && data.equals(canonical(r.getData())))
                .findFirst().orElse(null);
        String key = ds.getMetadata().getNamespace() + "/" + ds.getMetadata().getName();
        if (current == null) {
            create(ds, key, hash, data, newest + 1);
        } else if (Objects.requireNonNullElse(current.getRevision(), 0L) < newest) {
            client.apps().controllerRevisions().inNamespace(ds.getMetadata().getNamespace()).withName(current.getMetadata().getName())
                    .edit(revision -> new ControllerRevisionBuilder(revision).withRevision(newest + 1).build());
            LOG.infof("daemonset %s: template of revision %s is current again, now revision %d", key, current.getMetadata().getName(), newest + 1);
        }
    }

    /** Deletes the oldest revisions beyond revisionHistoryLimit but the current one (HASH) and those the PODS run. */
    void cleanUp(DaemonSet ds, String hash, Collection<Pod> pods) {
        int limit = Objects.requireNonNullElse(ds.getSpec().getRevisionHistoryLimit(), 10);
        List<ControllerRevision> old = owned(ds).stream().filter(r -> !hash.equals(hashOf(r)))
                .sorted(Comparator.comparing(r -> Objects.requireNonNullElse(r.getRevision(), 0L))).toList();
        Set<String> running = new HashSet<>();
        pods.forEach(pod -> running.add(Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.<String, String>of())
                .get(DaemonPods.REVISION_HASH_LABEL)));
        int excess = old.size() - limit;
        for (ControllerRevision revision : old) {
            if (excess <= 0) {
                break;
            }
            if (running.contains(hashOf(revision))) {
                continue;
            }
            client.apps().controllerRevisions().inNamespace(revision.getMetadata().getNamespace()).withName(revision.getMetadata().getName())
                    .delete();
            LOG.debugf("daemonset %s/%s: deleted old revision %s", ds.getMetadata().getNamespace(), ds.getMetadata().getName(),
                    revision.getMetadata().getName());
            excess--;
        }
    }

    private void create(DaemonSet ds, String key, String hash, JsonNode data, long number) {
        Map<String, String> labels = new LinkedHashMap<>(Objects.requireNonNullElse(ds.getSpec().getTemplate().getMetadata().getLabels(), Map.of()));
        labels.put(DaemonPods.REVISION_HASH_LABEL, hash);
        ControllerRevision revision = new ControllerRevisionBuilder().withNewMetadata()
                .withName(ds.getMetadata().getName() + "-" + hash).withNamespace(ds.getMetadata().getNamespace())
                .withLabels(labels).withAnnotations(ds.getMetadata().getAnnotations())
                .withOwnerReferences(ControllerRefs.controllerRef(ds)).endMetadata()
                .withData(data).withRevision(number).build();
        try {
            client.apps().controllerRevisions().inNamespace(ds.getMetadata().getNamespace()).resource(revision).create();
            LOG.debugf("daemonset %s: revision %d is %s", key, number, revision.getMetadata().getName());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // made by an earlier pass the cache does not show yet; anything else of that name is a hash collision
            ControllerRevision existing = client.apps().controllerRevisions().inNamespace(ds.getMetadata().getNamespace())
                    .withName(revision.getMetadata().getName()).get();
            if (existing == null || !ControllerRefs.isControlledBy(existing, ds) || !data.equals(canonical(existing.getData()))) {
                throw collision(ds, key, revision.getMetadata().getName(), e);
            }
        }
    }

    /**
     * As Kubernetes: a revision name taken by something else raises the DaemonSet's
     * {@code status.collisionCount}, which changes its hash, so the next pass uses another name.
     */
    private IllegalStateException collision(DaemonSet ds, String key, String name, KubernetesClientException cause) {
        DaemonSet fresh = client.apps().daemonSets().inNamespace(ds.getMetadata().getNamespace()).withName(ds.getMetadata().getName()).get();
        if (fresh != null && Objects.equals(collisionCount(fresh), collisionCount(ds))) {
            DaemonSetStatus status = fresh.getStatus() == null ? new DaemonSetStatus() : fresh.getStatus();
            status.setCollisionCount(collisionCount(ds) + 1);
            fresh.setStatus(status);
            client.apps().daemonSets().inNamespace(ds.getMetadata().getNamespace()).resource(fresh).updateStatus();
        }
        return new IllegalStateException("daemonset " + key + ": revision name " + name + " is taken by another object; "
                + "its collision count is raised to change the name", cause);
    }

    private static int collisionCount(DaemonSet ds) {
        return ds.getStatus() == null || ds.getStatus().getCollisionCount() == null ? 0 : ds.getStatus().getCollisionCount();
    }

    private List<ControllerRevision> owned(DaemonSet ds) {
        return revisions.indexer().byIndex(Indexes.OWNER_UID, ds.getMetadata().getUid()).stream()
                .filter(revision -> ControllerRefs.isControlledBy(revision, ds)).toList();
    }

    /** VALUE as the JSON it is sent as, read back: a number is the same node whichever Java type held it. */
    private static JsonNode canonical(Object value) {
        try {
            return Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a revision's data", e);
        }
    }

    private static String hashOf(ControllerRevision revision) {
        return Objects.requireNonNullElse(revision.getMetadata().getLabels(), Map.<String, String>of()).get(DaemonPods.REVISION_HASH_LABEL);
    }
}
