package dev.skiff.controllers.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.controllers.deployment.RollingUpdatePlanner.Scale;
import dev.skiff.controllers.replicaset.ControllerRefs;
import dev.skiff.informer.EventRecorder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import static dev.skiff.controllers.deployment.ReplicaSetLists.specReplicas;

/**
 * One reconcile pass over one Deployment, as Kubernetes' {@code syncDeployment}: finds or creates
 * the new ReplicaSet and keeps the revisions, then either scales (paused, or the replicas changed),
 * rolls out (RollingUpdate or Recreate), or only reports (being deleted); cleans up old ReplicaSets
 * past the revision history limit; and writes the status with its Progressing and Available
 * conditions. Works on the ReplicaSets the Deployment owns (claimed by the caller); every write is
 * made against the version read, so a pass on stale state fails with a conflict and runs again.
 */
final class DeploymentSync {

    private static final Logger LOG = Logger.getLogger(DeploymentSync.class);

    /** The new ReplicaSet (null when there is none yet) and all the others. */
    record Rollout(ReplicaSet newRS, List<ReplicaSet> oldRSs) {
        List<ReplicaSet> all() {
            return ReplicaSetLists.with(oldRSs, newRS);
        }
    }

    private final KubernetesClient client;
    private final EventRecorder recorder;
    private final Clock clock;
    private final Function<ReplicaSet, List<Pod>> podsOf;
    private final Consumer<Duration> requeueAfter;
    private final String key;
    private Deployment deployment;
    /** The Deployment's ReplicaSets by uid, kept current with this pass's writes. */
    private final Map<String, ReplicaSet> replicaSets = new LinkedHashMap<>();

    DeploymentSync(KubernetesClient client, EventRecorder recorder, Clock clock, Deployment deployment,
                   List<ReplicaSet> owned, Function<ReplicaSet, List<Pod>> podsOf, Consumer<Duration> requeueAfter) {
        this.client = client;
        this.recorder = recorder;
        this.clock = clock;
        this.deployment = deployment;
        this.podsOf = podsOf;
        this.requeueAfter = requeueAfter;
        this.key = deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
        owned.forEach(rs -> replicaSets.put(rs.getMetadata().getUid(), rs));
    }

    void run() {
        if (deployment.getMetadata().getDeletionTimestamp() != null) {
            Rollout rollout = rollout(false);
            syncStatus(rollout);
            return;
        }
        checkPausedConditions();
        if (Boolean.TRUE.equals(deployment.getSpec().getPaused()) || isScalingEvent()) {
            scale();
            return;
        }
        if (RollingUpdateLimits.isRecreate(deployment)) {
            rolloutRecreate();
        } else if (RollingUpdateLimits.isRollingUpdate(deployment)) {
            rolloutRolling();
        } else {
            throw new IllegalStateException("deployment " + key + ": unexpected strategy type "
                    + deployment.getSpec().getStrategy().getType());
        }
    }

    // ---- strategies

    private void rolloutRolling() {
        Rollout rollout = rollout(true);
        ReplicaSet newRS = rollout.newRS();
        int replicas = Revisions.replicas(deployment);
        boolean scaled;
        if (specReplicas(newRS) > replicas) {
            scaled = scaleAndRecord(newRS, replicas);
        } else if (specReplicas(newRS) < replicas) {
            scaled = scaleAndRecord(newRS, RollingUpdatePlanner.newReplicaSetReplicas(deployment, rollout.all(), newRS));
        } else {
            scaled = false;
        }
        if (!scaled) {
            rollout = current(rollout);
            List<Scale> downs = RollingUpdatePlanner.scaleDownOld(deployment, rollout.all(),
                    ReplicaSetLists.active(rollout.oldRSs()), rollout.newRS());
            downs.forEach(scale -> scaleAndRecord(scale.replicaSet(), scale.replicas()));
            scaled = !downs.isEmpty();
        }
        rollout = current(rollout);
        if (!scaled && DeploymentProgress.complete(deployment, statusOrEmpty())) {
            cleanup(rollout.oldRSs());
        }
        syncRolloutStatus(rollout);
    }

    private void rolloutRecreate() {
        Rollout rollout = rollout(false);
        List<ReplicaSet> activeOld = ReplicaSetLists.active(rollout.oldRSs());
        activeOld.forEach(rs -> scaleAndRecord(rs, 0));
        if (!activeOld.isEmpty() || oldPodsRunning(current(rollout))) {
            syncRolloutStatus(current(rollout));
            return;
        }
        if (rollout.newRS() == null) {
            rollout = rollout(true);
        }
        scaleAndRecord(rollout.newRS(), Revisions.replicas(deployment));
        rollout = current(rollout);
        if (DeploymentProgress.complete(deployment, statusOrEmpty())) {
            cleanup(rollout.oldRSs());
        }
        syncRolloutStatus(rollout);
    }

    /** Whether old ReplicaSets still want pods, or any of their pods still runs (or may: phase Unknown). */
    private boolean oldPodsRunning(Rollout rollout) {
        if (ReplicaSetLists.sum(rollout.oldRSs(), ReplicaSetLists::statusReplicas) > 0) {
            return true;
        }
        for (ReplicaSet old : rollout.oldRSs()) {
            for (Pod pod : podsOf.apply(old)) {
                String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
                if (!"Failed".equals(phase) && !"Succeeded".equals(phase)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Resizes for a change of replicas (or while paused), then cleans up (when paused) and reports. */
    private void scale() {
        Rollout rollout = rollout(false);
        for (Scale scale : ScalingPlanner.plan(deployment, rollout.newRS(), rollout.oldRSs())) {
            scaleReplicaSet(scale.replicaSet(), scale.replicas(), specReplicas(scale.replicaSet()) < scale.replicas() ? "up" : "down");
        }
        rollout = current(rollout);
        if (Boolean.TRUE.equals(deployment.getSpec().getPaused())) {
            cleanup(rollout.oldRSs());
        }
        syncStatus(rollout);
    }

    /** Whether an active ReplicaSet was sized for other replicas than the Deployment now wants. */
    private boolean isScalingEvent() {
        Rollout rollout = rollout(false);
        int replicas = Revisions.replicas(deployment);
        return ReplicaSetLists.active(rollout.all()).stream()
                .mapToInt(Revisions::desiredReplicas)
                .anyMatch(desired -> desired >= 0 && desired != replicas);
    }

    // ---- the new ReplicaSet and revisions

    /** The new and old ReplicaSets; the new one's revision is brought up to date, and created when asked and missing. */
    private Rollout rollout(boolean createIfMissing) {
        List<ReplicaSet> all = List.copyOf(replicaSets.values());
        ReplicaSet existing = ReplicaSetLists.findNew(deployment, all);
        List<ReplicaSet> oldRSs = all.stream().filter(rs -> existing == null || !rs.getMetadata().getUid()
                .equals(existing.getMetadata().getUid())).toList();
        long newRevision = Revisions.maxRevision(oldRSs) + 1;
        if (existing != null) {
            return new Rollout(syncExisting(existing, newRevision), oldRSs);
        }
        if (!createIfMissing) {
            return new Rollout(null, oldRSs);
        }
        return new Rollout(create(oldRSs, newRevision), oldRSs);
    }

    private ReplicaSet syncExisting(ReplicaSet existing, long newRevision) {
        ReplicaSet copy = new ReplicaSetBuilder(existing).build();
        boolean annotationsChanged = Revisions.updateNewReplicaSetAnnotations(deployment, copy, newRevision, true,
                RollingUpdateLimits.maxSurge(deployment));
        boolean minReadyChanged = !Objects.equals(orZero(copy.getSpec().getMinReadySeconds()),
                orZero(deployment.getSpec().getMinReadySeconds()));
        ReplicaSet rs = existing;
        if (annotationsChanged || minReadyChanged) {
            copy.getSpec().setMinReadySeconds(orZero(deployment.getSpec().getMinReadySeconds()));
            rs = update(copy);
            if (Revisions.revision(rs) != Revisions.revision(existing)) {
                LOG.infof("deployment %s: replica set %s is revision %d", key, rs.getMetadata().getName(), Revisions.revision(rs));
            }
        }
        setDeploymentRevision(Revisions.annotation(rs, Revisions.REVISION));
        if (DeploymentProgress.hasDeadline(deployment)
                && DeploymentConditions.get(deployment.getStatus(), DeploymentConditions.PROGRESSING).isEmpty()) {
            DeploymentStatus status = statusCopy();
            DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.PROGRESSING, "True",
                    DeploymentConditions.FOUND_NEW_RS, "Found new replica set \"" + rs.getMetadata().getName() + "\"",
                    clock.instant()));
            writeStatus(status);
        }
        return rs;
    }

    private ReplicaSet create(List<ReplicaSet> oldRSs, long newRevision) {
        DeploymentStatus status = statusOrEmpty();
        String hash = PodTemplateHash.compute(deployment.getSpec().getTemplate(), status.getCollisionCount());
        PodTemplateSpec template = PodTemplateHash.withoutHash(deployment.getSpec().getTemplate());
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of() : template.getMetadata().getLabels());
        labels.put(PodTemplateHash.LABEL, hash);
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        template.getMetadata().setLabels(labels);
        LabelSelector selector = new LabelSelectorBuilder(deployment.getSpec().getSelector())
                .addToMatchLabels(PodTemplateHash.LABEL, hash).build();
        ReplicaSet rs = new ReplicaSetBuilder()
                .withNewMetadata()
                    .withName(deployment.getMetadata().getName() + "-" + hash)
                    .withNamespace(deployment.getMetadata().getNamespace())
                    .withLabels(new LinkedHashMap<>(labels))
                    .withOwnerReferences(ControllerRefs.controllerRef(deployment))
                .endMetadata()
                .withNewSpec()
                    .withReplicas(0)
                    .withMinReadySeconds(orZero(deployment.getSpec().getMinReadySeconds()))
                    .withSelector(selector)
                    .withTemplate(template)
                .endSpec()
                .build();
        int replicas = RollingUpdatePlanner.newReplicaSetReplicas(deployment, ReplicaSetLists.with(oldRSs, rs), rs);
        rs.getSpec().setReplicas(replicas);
        Revisions.updateNewReplicaSetAnnotations(deployment, rs, newRevision, false, RollingUpdateLimits.maxSurge(deployment));

        ReplicaSet created;
        boolean alreadyExisted = false;
        try {
            created = client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(rs).create();
            LOG.infof("deployment %s: created replica set %s (revision %d, %d replicas)", key, created.getMetadata().getName(),
                    newRevision, replicas);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                recordCreateFailure(rs, e);
                throw e;
            }
            ReplicaSet found = client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace())
                    .withName(rs.getMetadata().getName()).get();
            if (found != null && ControllerRefs.isControlledBy(found, deployment) && found.getSpec() != null
                    && PodTemplateHash.equalIgnoringHash(found.getSpec().getTemplate(), deployment.getSpec().getTemplate())) {
                created = found;
                alreadyExisted = true;
            } else {
                bumpCollisionCount(rs);
                throw new IllegalStateException("deployment " + key + ": replica set " + rs.getMetadata().getName()
                        + " exists with another template (hash collision); trying again with collision count "
                        + statusOrEmpty().getCollisionCount(), e);
            }
        }
        replicaSets.put(created.getMetadata().getUid(), created);
        if (!alreadyExisted && replicas > 0) {
            recorder.normal(deployment, "ScalingReplicaSet",
                    "Scaled up replica set " + created.getMetadata().getName() + " from 0 to " + replicas);
        }
        setDeploymentRevision(Long.toString(newRevision));
        if (!alreadyExisted && DeploymentProgress.hasDeadline(deployment)) {
            DeploymentStatus updated = statusCopy();
            DeploymentConditions.set(updated, DeploymentConditions.create(DeploymentConditions.PROGRESSING, "True",
                    DeploymentConditions.NEW_RS_CREATED, "Created new replica set \"" + created.getMetadata().getName() + "\"",
                    clock.instant()));
            writeStatus(updated);
        }
        return created;
    }

    private void recordCreateFailure(ReplicaSet rs, KubernetesClientException e) {
        String message = "Failed to create new replica set \"" + rs.getMetadata().getName() + "\": " + message(e);
        LOG.warnf("deployment %s: %s", key, message);
        recorder.warning(deployment, DeploymentConditions.FAILED_RS_CREATE, message);
        if (DeploymentProgress.hasDeadline(deployment)) {
            DeploymentStatus status = statusCopy();
            DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.PROGRESSING, "False",
                    DeploymentConditions.FAILED_RS_CREATE, message, clock.instant()));
            writeStatus(status);
        }
    }

    private void bumpCollisionCount(ReplicaSet rs) {
        DeploymentStatus status = statusCopy();
        int before = status.getCollisionCount() == null ? 0 : status.getCollisionCount();
        status.setCollisionCount(before + 1);
        LOG.warnf("deployment %s: found a hash collision (%s) - bumping collisionCount (%d->%d) to resolve it", key,
                rs.getMetadata().getName(), before, before + 1);
        writeStatus(status);
    }

    private void setDeploymentRevision(String revision) {
        if (revision == null || revision.equals(Revisions.annotation(deployment, Revisions.REVISION))) {
            return;
        }
        ObjectNode patch = Json.MAPPER.createObjectNode();
        ObjectNode meta = patch.putObject("metadata");
        meta.put("resourceVersion", deployment.getMetadata().getResourceVersion());
        meta.putObject("annotations").put(Revisions.REVISION, revision);
        deployment = client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                .withName(deployment.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    }

    // ---- scaling

    /** Resizes a ReplicaSet if its size differs, recording it; whether it did. */
    private boolean scaleAndRecord(ReplicaSet rs, int replicas) {
        if (rs == null || specReplicas(rs) == replicas) {
            return false;
        }
        scaleReplicaSet(rs, replicas, specReplicas(rs) < replicas ? "up" : "down");
        return true;
    }

    /** Sets a ReplicaSet's size and replica annotations when either differs. */
    private void scaleReplicaSet(ReplicaSet rs, int replicas, String operation) {
        ReplicaSet current = replicaSets.getOrDefault(rs.getMetadata().getUid(), rs);
        int desired = Revisions.replicas(deployment);
        int max = desired + RollingUpdateLimits.maxSurge(deployment);
        boolean sizeChanges = specReplicas(current) != replicas;
        if (!sizeChanges && !Revisions.replicasAnnotationsNeedUpdate(current, desired, max)) {
            return;
        }
        ReplicaSet copy = new ReplicaSetBuilder(current).build();
        copy.getSpec().setReplicas(replicas);
        Revisions.setReplicasAnnotations(copy, desired, max);
        update(copy);
        if (sizeChanges) {
            String message = "Scaled " + operation + " replica set " + rs.getMetadata().getName() + " from "
                    + specReplicas(current) + " to " + replicas;
            LOG.infof("deployment %s: %s", key, message);
            recorder.normal(deployment, "ScalingReplicaSet", message);
        }
    }

    private ReplicaSet update(ReplicaSet rs) {
        ReplicaSet updated = client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(rs).update();
        replicaSets.put(updated.getMetadata().getUid(), updated);
        return updated;
    }

    /** The rollout with the ReplicaSets as this pass last wrote them. */
    private Rollout current(Rollout rollout) {
        Function<ReplicaSet, ReplicaSet> latest = rs -> rs == null ? null : replicaSets.getOrDefault(rs.getMetadata().getUid(), rs);
        return new Rollout(latest.apply(rollout.newRS()), rollout.oldRSs().stream().map(latest).toList());
    }

    // ---- clean-up

    /** Deletes the oldest old ReplicaSets without pods past revisionHistoryLimit. */
    private void cleanup(List<ReplicaSet> oldRSs) {
        Integer limit = deployment.getSpec().getRevisionHistoryLimit();
        if (limit == null) {
            return;
        }
        List<ReplicaSet> cleanable = oldRSs.stream().filter(rs -> rs.getMetadata().getDeletionTimestamp() == null)
                .sorted(ReplicaSetLists.BY_REVISION).toList();
        int excess = cleanable.size() - Math.max(0, limit);
        for (int i = 0; i < excess; i++) {
            ReplicaSet rs = cleanable.get(i);
            long generation = rs.getMetadata().getGeneration() == null ? 0 : rs.getMetadata().getGeneration();
            long observed = rs.getStatus() == null || rs.getStatus().getObservedGeneration() == null ? 0 : rs.getStatus().getObservedGeneration();
            if (ReplicaSetLists.statusReplicas(rs) != 0 || specReplicas(rs) != 0 || generation > observed) {
                continue;
            }
            try {
                client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName()).delete();
                LOG.infof("deployment %s: deleted old replica set %s (revision %d) past the history limit of %d", key,
                        rs.getMetadata().getName(), Revisions.revision(rs), limit);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
            replicaSets.remove(rs.getMetadata().getUid());
        }
    }

    // ---- status

    /** Adds or removes the Unknown Progressing condition of a paused or resumed Deployment. */
    private void checkPausedConditions() {
        if (!DeploymentProgress.hasDeadline(deployment)) {
            return;
        }
        Optional<DeploymentCondition> condition = DeploymentConditions.get(deployment.getStatus(), DeploymentConditions.PROGRESSING);
        if (condition.isPresent() && DeploymentConditions.TIMED_OUT.equals(condition.get().getReason())) {
            return;
        }
        boolean pausedCondition = condition.isPresent() && DeploymentConditions.PAUSED.equals(condition.get().getReason());
        boolean paused = Boolean.TRUE.equals(deployment.getSpec().getPaused());
        DeploymentStatus status = statusCopy();
        if (paused && !pausedCondition) {
            DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.PROGRESSING, "Unknown",
                    DeploymentConditions.PAUSED, "Deployment is paused", clock.instant()));
        } else if (!paused && pausedCondition) {
            DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.PROGRESSING, "Unknown",
                    DeploymentConditions.RESUMED, "Deployment is resumed", clock.instant()));
        } else {
            return;
        }
        writeStatus(status);
    }

    /** Writes the counts and the Available condition when they changed. */
    private void syncStatus(Rollout rollout) {
        DeploymentStatus status = DeploymentStatusCalculator.calculate(deployment, rollout.all(), rollout.newRS(), clock.instant());
        if (!DeploymentStatusCalculator.same(deployment.getStatus(), status)) {
            writeStatus(status);
        }
    }

    /** Writes the status with the Progressing condition judged from the rollout's progress, and waits for the deadline. */
    private void syncRolloutStatus(Rollout rollout) {
        ReplicaSet newRS = rollout.newRS();
        DeploymentStatus status = DeploymentStatusCalculator.calculate(deployment, rollout.all(), newRS, clock.instant());
        if (!DeploymentProgress.hasDeadline(deployment)) {
            DeploymentConditions.remove(status, DeploymentConditions.PROGRESSING);
        }
        Optional<DeploymentCondition> current = DeploymentConditions.get(deployment.getStatus(), DeploymentConditions.PROGRESSING);
        boolean completeBefore = DeploymentProgress.count(status.getReplicas()) == DeploymentProgress.count(status.getUpdatedReplicas())
                && current.map(c -> DeploymentConditions.NEW_RS_AVAILABLE.equals(c.getReason())).orElse(false);
        String subject = newRS == null ? "Deployment \"" + deployment.getMetadata().getName() + "\""
                : "ReplicaSet \"" + newRS.getMetadata().getName() + "\"";
        if (DeploymentProgress.hasDeadline(deployment) && !completeBefore) {
            if (DeploymentProgress.complete(deployment, status)) {
                DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.PROGRESSING, "True",
                        DeploymentConditions.NEW_RS_AVAILABLE, subject + " has successfully progressed.", clock.instant()));
            } else if (DeploymentProgress.progressing(deployment, status)) {
                DeploymentCondition condition = DeploymentConditions.create(DeploymentConditions.PROGRESSING, "True",
                        DeploymentConditions.RS_UPDATED, subject + " is progressing.", clock.instant());
                if (current.isPresent()) {
                    if ("True".equals(current.get().getStatus())) {
                        condition.setLastTransitionTime(current.get().getLastTransitionTime());
                    }
                    DeploymentConditions.remove(status, DeploymentConditions.PROGRESSING);
                }
                DeploymentConditions.set(status, condition);
            } else if (DeploymentProgress.timedOut(deployment, status, clock.instant())) {
                DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.PROGRESSING, "False",
                        DeploymentConditions.TIMED_OUT, subject + " has timed out progressing.", clock.instant()));
                LOG.infof("deployment %s: %s has timed out progressing", key, subject);
            }
        }
        Optional<ReplicaSetCondition> failure = replicaFailure(rollout);
        if (failure.isPresent()) {
            DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.REPLICA_FAILURE,
                    failure.get().getStatus(), failure.get().getReason(), failure.get().getMessage(), clock.instant()));
        } else {
            DeploymentConditions.remove(status, DeploymentConditions.REPLICA_FAILURE);
        }
        if (DeploymentStatusCalculator.same(deployment.getStatus(), status)) {
            if (!DeploymentProgress.complete(deployment, status)) {
                DeploymentProgress.untilDeadline(deployment, status, clock.instant())
                        .ifPresent(wait -> requeueAfter.accept(wait.compareTo(Duration.ofMillis(500)) < 0 ? Duration.ofMillis(500) : wait));
            }
            return;
        }
        writeStatus(status);
    }

    /** The ReplicaFailure condition of the new ReplicaSet, else of an old one. */
    private static Optional<ReplicaSetCondition> replicaFailure(Rollout rollout) {
        List<ReplicaSet> ordered = new ArrayList<>();
        if (rollout.newRS() != null) {
            ordered.add(rollout.newRS());
        }
        ordered.addAll(rollout.oldRSs());
        for (ReplicaSet rs : ordered) {
            if (rs.getStatus() != null && rs.getStatus().getConditions() != null) {
                for (ReplicaSetCondition condition : rs.getStatus().getConditions()) {
                    if (DeploymentConditions.REPLICA_FAILURE.equals(condition.getType())) {
                        return Optional.of(condition);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private void writeStatus(DeploymentStatus status) {
        Deployment copy = new DeploymentBuilder(deployment).withStatus(status).build();
        deployment = client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(copy).updateStatus();
    }

    private DeploymentStatus statusOrEmpty() {
        return deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
    }

    private DeploymentStatus statusCopy() {
        return Json.MAPPER.convertValue(statusOrEmpty(), DeploymentStatus.class);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String message(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : String.valueOf(e.getMessage());
    }
}
