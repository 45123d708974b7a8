package dev.skiff.controllers.job;

import dev.skiff.api.selector.LabelSelector;
import dev.skiff.controllers.Controller;
import dev.skiff.controllers.ControllerContext;
import dev.skiff.controllers.ReconcileLoop;
import dev.skiff.controllers.config.ControllersConfig;
import dev.skiff.controllers.replicaset.ControllerExpectations;
import dev.skiff.controllers.replicaset.ControllerRefManager;
import dev.skiff.controllers.replicaset.ControllerRefs;
import dev.skiff.controllers.replicaset.PodFromTemplate;
import dev.skiff.controllers.replicaset.PodWriters;
import dev.skiff.controllers.replicaset.SlowStart;
import dev.skiff.informer.EventRecorder;
import dev.skiff.informer.Indexer;
import dev.skiff.informer.Indexes;
import dev.skiff.informer.Informer;
import dev.skiff.informer.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;

/**
 * The Job controller, as Kubernetes' {@code job-controller}: runs each job's pods from its template
 * ({@link JobSync} decides how many, of which completion index for an Indexed job, and when it is
 * done), counts every finished pod exactly once ({@link JobTracking}), writes the status (active,
 * ready, terminating, succeeded, failed, completed and failed indexes, start and completion
 * times, conditions) through the status subresource, and deletes a finished job whose
 * {@code ttlSecondsAfterFinished} is over (Kubernetes' ttl-after-finished controller). Jobs whose
 * {@code managedBy} names another controller are left to it.
 */
@Singleton
public class JobController implements Controller {

    private static final Logger LOG = Logger.getLogger(JobController.class);
    private static final String NAME = "job-controller";
    private static final String MANAGED_BY = "kubernetes.io/job-controller";
    /** Most pods one job creates in one pass, as the ReplicaSet controller's default burst. */
    private static final int BURST = 500;
    /** How long the controller waits to see its own creates and deletes before acting on the job regardless, as Kubernetes. */
    private static final Duration EXPECTATIONS_TIMEOUT = Duration.ofMinutes(5);

    private KubernetesClient client;
    private Clock clock;
    private EventRecorder recorder;
    private Informer<Job> jobs;
    private Informer<Pod> pods;
    private ControllerExpectations expectations;
    private ReconcileLoop loop;
    private ExecutorService podWriters;
    /** The resourceVersion of each job's last status write, so a pass never acts on an older copy of it. */
    private final Map<String, Long> statusWrites = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void register(ControllerContext context) {
        client = context.client();
        clock = context.clock();
        recorder = context.recorder(NAME);
        ControllersConfig.JobConfig settings = context.config().job();
        expectations = new ControllerExpectations(EXPECTATIONS_TIMEOUT, clock);
        loop = context.reconcileLoop(NAME, settings.workers(), this::reconcile);
        jobs = context.informers().informer(Job.class);
        pods = context.informers().informer(Pod.class);
        jobs.addEventHandler(loop.enqueueEveryChange());
        pods.addEventHandler(new PodEvents());
    }

    @Override
    public void start() {
        podWriters = PodWriters.start(NAME);
        loop.start();
    }

    @Override
    public void stop(Duration wait) {
        loop.stop(wait);
        if (podWriters != null) {
            podWriters.shutdownNow();
        }
    }

    /** Converges one job ({@code namespace/name}) from the caches. */
    void reconcile(String key) {
        String namespace = key.substring(0, key.indexOf('/'));
        String name = key.substring(key.indexOf('/') + 1);
        Job job = jobs.indexer().get(key).orElse(null);
        List<Pod> inNamespace = pods.indexer().byIndex(Indexes.NAMESPACE, namespace);
        releaseStale(inNamespace, name, job);
        if (job == null) {
            expectations.delete(key);
            statusWrites.remove(key);
            return;
        }
        if (olderThanOwnWrite(key, job)) {
            // the cache has not caught up with this controller's last status write; its event brings the job back
            return;
        }
        if (job.getSpec() == null || !MANAGED_BY.equals(Objects.requireNonNullElse(job.getSpec().getManagedBy(), MANAGED_BY))) {
            return;
        }
        LabelSelector selector = PodWriters.selectorOf(job, job.getSpec().getSelector());
        if (selector == null) {
            return;
        }
        List<Pod> owned = new ControllerRefManager<>(client, Pod.class, job, selector, () -> freshJob(job)).claim(inNamespace);
        if (job.getMetadata().getDeletionTimestamp() != null) {
            owned.forEach(pod -> JobTracking.release(client, pod));
            return;
        }
        sync(key, job, owned);
    }

    /** Counts the job's finished pods, then acts on its plan: pods, status, events, the next look. */
    private void sync(String key, Job cached, List<Pod> owned) {
        Counted counted = count(key, cached, owned);
        Job job = counted.job();
        JobSync.Plan plan = JobSync.plan(job, counted.status(), podsOf(job, owned, counted.status()), clock.instant());
        if (plan.expire()) {
            LOG.infof("job %s: finished and its time to live is over, deleting it", key);
            client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            return;
        }
        if (expectations.satisfied(key)) {
            managePods(key, job, plan, owned);
        }
        if (!plan.status().equals(job.getStatus())) {
            writeStatus(job, plan.status());
        }
        plan.events().forEach(event -> {
            if (event.warning()) {
                recorder.warning(job, event.reason(), event.message());
            } else {
                recorder.normal(job, event.reason(), event.message());
            }
        });
        if (plan.recheck() != null) {
            loop.enqueueAfter(key, plan.recheck());
        }
    }

    /** The job as last written and its status with the counts as they now stand. */
    private record Counted(Job job, JobStatus status) {
    }

    /**
     * Brings the job's finished pods into its counts (see {@link JobTracking}), the uids not yet
     * released still uncounted. Pods deleted while the job is suspended are released uncounted:
     * suspending a job does not spend its backoff limit. An Indexed job counts its successes by
     * index instead, as Kubernetes: the index joins {@code completedIndexes} before the pod is
     * released, and a second success of an index (or one out of range) is released uncounted. A
     * failure the job's {@code podFailurePolicy} ignores is released uncounted; one it fails the
     * job for is counted and sets the job's {@code FailureTarget} in the same write. With a backoff
     * limit per index, a failure beyond it (or one the policy fails the index for) adds the index to
     * {@code failedIndexes} in the same write.
     */
    private Counted count(String key, Job job, List<Pod> owned) {
        JobStatus status = job.getStatus() == null ? new JobStatus() : new JobStatusBuilder(job.getStatus()).build();
        Set<String> succeeded = new LinkedHashSet<>(uncounted(status).getSucceeded());
        Set<String> failed = new LinkedHashSet<>(uncounted(status).getFailed());
        boolean finished = JobConditions.isFinished(job);
        boolean suspended = Boolean.TRUE.equals(job.getSpec().getSuspend());
        JobSpec spec = job.getSpec();
        CompletionIndexes completed = JobSync.isIndexed(spec) ? CompletionIndexes.parse(status.getCompletedIndexes(), spec.getCompletions()) : null;
        CompletionIndexes failedIndexes = completed != null && spec.getBackoffLimitPerIndex() != null
                ? CompletionIndexes.parse(status.getFailedIndexes(), spec.getCompletions()) : null;
        Set<String> releaseUncounted = new LinkedHashSet<>();
        boolean added = false;
        for (Pod pod : owned) {
            String uid = pod.getMetadata().getUid();
            if (finished || !JobTracking.isTracked(pod) || succeeded.contains(uid) || failed.contains(uid)
                    || (suspended && stoppedBySuspension(pod))) {
                continue;
            }
            if (JobTracking.hasSucceeded(pod) && completed != null) {
                added |= completed.add(CompletionIndex.of(pod));
                releaseUncounted.add(uid);
            } else if (JobTracking.hasSucceeded(pod)) {
                added |= succeeded.add(uid);
            } else if (JobTracking.hasFailed(pod, job)) {
                Optional<PodFailurePolicyMatch> match = PodFailurePolicyMatch.of(spec, pod);
                if (match.filter(PodFailurePolicyMatch::ignores).isPresent()) {
                    releaseUncounted.add(uid);
                    continue;
                }
                added |= failed.add(uid);
                if (failedIndexes != null && (match.filter(PodFailurePolicyMatch::failsIndex).isPresent()
                        || IndexFailures.before(pod) + 1 > spec.getBackoffLimitPerIndex())) {
                    failedIndexes.add(CompletionIndex.of(pod));
                }
                if (match.filter(PodFailurePolicyMatch::failsJob).isPresent() && !JobConditions.isTrue(status, JobConditions.FAILURE_TARGET)
                        && !JobConditions.isTrue(status, JobConditions.SUCCESS_CRITERIA_MET)) {
                    LOG.infof("job %s: %s", key, match.get().message());
                    JobConditions.set(status, JobConditions.FAILURE_TARGET, true, "PodFailurePolicy", match.get().message(), clock.instant());
                }
            }
        }
        if (added) {
            status.setUncountedTerminatedPods(new UncountedTerminatedPods(List.copyOf(failed), List.copyOf(succeeded)));
            if (completed != null) {
                status.setCompletedIndexes(completed.toString());
                status.setSucceeded(completed.size());
            }
            if (failedIndexes != null) {
                status.setFailedIndexes(failedIndexes.toString());
            }
            job = writeStatus(job, status);
            status = new JobStatusBuilder(job.getStatus()).build();
        }
        Set<String> released = new LinkedHashSet<>();
        Set<String> present = new LinkedHashSet<>();
        for (Pod pod : owned) {
            String uid = pod.getMetadata().getUid();
            present.add(uid);
            boolean counting = succeeded.contains(uid) || failed.contains(uid);
            boolean uncountable = finished || (suspended && stoppedBySuspension(pod)) || releaseUncounted.contains(uid);
            if (JobTracking.isTracked(pod) && (counting || uncountable) && JobTracking.release(client, pod)) {
                released.add(uid);
            } else if (!JobTracking.isTracked(pod) && counting) {
                released.add(uid);
            }
        }
        // a counted pod that is gone has lost its finalizer
        succeeded.stream().filter(uid -> !present.contains(uid)).forEach(released::add);
        failed.stream().filter(uid -> !present.contains(uid)).forEach(released::add);
        int newlySucceeded = (int) succeeded.stream().filter(released::contains).count();
        int newlyFailed = (int) failed.stream().filter(released::contains).count();
        succeeded.removeAll(released);
        failed.removeAll(released);
        status.setSucceeded(Objects.requireNonNullElse(status.getSucceeded(), 0) + newlySucceeded);
        status.setFailed(Objects.requireNonNullElse(status.getFailed(), 0) + newlyFailed);
        status.setUncountedTerminatedPods(new UncountedTerminatedPods(List.copyOf(failed), List.copyOf(succeeded)));
        if (completed != null && status.getCompletedIndexes() != null) {
            // completions may have shrunk (an elastic Indexed job): indexes beyond them no longer count
            status.setCompletedIndexes(completed.toString());
            status.setSucceeded(completed.size());
        }
        if (failedIndexes != null && status.getFailedIndexes() != null) {
            status.setFailedIndexes(failedIndexes.toString());
        }
        if (newlySucceeded + newlyFailed > 0) {
            LOG.debugf("job %s: counted %d succeeded and %d failed pods", key, newlySucceeded, newlyFailed);
        }
        return new Counted(job, status);
    }

    /** Being deleted without having finished: what suspending a job does to its running pods. */
    private static boolean stoppedBySuspension(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return pod.getMetadata().getDeletionTimestamp() != null && !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /** The job's pods as {@link JobSync} weighs them, with the counts of STATUS and what is still uncounted. */
    private static JobSync.Pods podsOf(Job job, List<Pod> owned, JobStatus status) {
        List<Pod> active = new ArrayList<>();
        List<Pod> terminating = new ArrayList<>();
        int restarts = 0;
        Instant lastFailure = null;
        Map<Integer, Instant> retryAt = new HashMap<>();
        boolean perIndex = JobSync.isIndexed(job.getSpec()) && job.getSpec().getBackoffLimitPerIndex() != null;
        for (Pod pod : owned) {
            boolean finished = JobTracking.hasSucceeded(pod) || "Failed".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase());
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                if (!finished) {
                    terminating.add(pod);
                }
            } else if (!finished) {
                active.add(pod);
                restarts += restarts(pod);
            }
            if (JobTracking.hasFailed(pod, job) && PodFailurePolicyMatch.of(job.getSpec(), pod).filter(PodFailurePolicyMatch::ignores).isEmpty()) {
                Instant ended = endOf(pod);
                lastFailure = lastFailure == null || (ended != null && ended.isAfter(lastFailure)) ? ended : lastFailure;
                if (perIndex && ended != null) {
                    // each index waits its own back-off, by its own failures
                    retryAt.merge(CompletionIndex.of(pod), ended.plus(JobSync.backoff(IndexFailures.before(pod) + 1)),
                            (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        UncountedTerminatedPods uncounted = uncounted(status);
        int succeeded = Objects.requireNonNullElse(status.getSucceeded(), 0) + uncounted.getSucceeded().size();
        int failed = Objects.requireNonNullElse(status.getFailed(), 0) + uncounted.getFailed().size();
        return new JobSync.Pods(active, terminating, succeeded, failed, restarts, lastFailure, retryAt);
    }

    private static int restarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return pod.getStatus().getContainerStatuses().stream().map(ContainerStatus::getRestartCount).filter(Objects::nonNull)
                .mapToInt(Integer::intValue).sum();
    }

    /**
     * When the pod finished, as Kubernetes reckons it for the failure back-off: when its last
     * container ended, else when it stopped being ready, else when its deletion was asked for,
     * else when it was created (a pod marked Failed without container statuses); null without any.
     */
    private static Instant endOf(Pod pod) {
        Instant end = null;
        if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
            for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
                if (status.getState() != null && status.getState().getTerminated() != null
                        && status.getState().getTerminated().getFinishedAt() != null) {
                    Instant finished = Instant.parse(status.getState().getTerminated().getFinishedAt());
                    end = end == null || finished.isAfter(end) ? finished : end;
                }
            }
        }
        if (end == null && pod.getStatus() != null && pod.getStatus().getConditions() != null) {
            end = pod.getStatus().getConditions().stream()
                    .filter(c -> "Ready".equals(c.getType()) && "False".equals(c.getStatus()) && c.getLastTransitionTime() != null)
                    .map(c -> Instant.parse(c.getLastTransitionTime())).findFirst().orElse(null);
        }
        String fallback = pod.getMetadata().getDeletionTimestamp() != null
                ? pod.getMetadata().getDeletionTimestamp() : pod.getMetadata().getCreationTimestamp();
        return end != null || fallback == null ? end : Instant.parse(fallback);
    }

    private static UncountedTerminatedPods uncounted(JobStatus status) {
        UncountedTerminatedPods uncounted = status.getUncountedTerminatedPods();
        return new UncountedTerminatedPods(uncounted == null || uncounted.getFailed() == null ? List.of() : uncounted.getFailed(),
                uncounted == null || uncounted.getSucceeded() == null ? List.of() : uncounted.getSucceeded());
    }

    private void managePods(String key, Job job, JobSync.Plan plan, List<Pod> owned) {
        if (plan.create() > 0) {
            int count = Math.min(plan.create(), BURST);
            expectations.expectCreations(key, count);
            LOG.debugf("job %s: creating %d pods", key, count);
            // the creates run in parallel: each takes the next index of an Indexed job, none for a NonIndexed one
            Queue<Integer> indexes = new ConcurrentLinkedQueue<>(plan.indexes());
            SlowStart.Outcome outcome = SlowStart.run(count, 1, podWriters, () -> createPod(key, job, indexes.poll(), owned));
            for (int skipped = count - outcome.attempted(); skipped > 0; skipped--) {
                expectations.creationObserved(key);
            }
        }
        if (!plan.delete().isEmpty()) {
            expectations.expectDeletions(key, plan.delete().stream().map(Indexer::keyOf).toList());
            plan.delete().forEach(pod -> deletePod(key, job, pod));
        }
    }

    /** Creates a pod of the job; of completion index INDEX unless that is null, its failures counted from the job's OWNED pods. */
    private void createPod(String key, Job job, Integer index, List<Pod> owned) {
        Pod pod = PodFromTemplate.newPod(job, job.getSpec().getTemplate());
        if (index != null) {
            CompletionIndex.assign(pod, job.getMetadata().getName(), index);
            if (job.getSpec().getBackoffLimitPerIndex() != null) {
                IndexFailures.annotate(pod, IndexFailures.of(owned, index, job.getSpec()));
            }
        }
        List<String> finalizers = new ArrayList<>(Objects.requireNonNullElse(pod.getMetadata().getFinalizers(), List.of()));
        finalizers.add(JobTracking.FINALIZER);
        pod.getMetadata().setFinalizers(finalizers);
        try {
            Pod created = client.pods().inNamespace(job.getMetadata().getNamespace()).resource(pod).create();
            LOG.debugf("job %s: created pod %s", key, created.getMetadata().getName());
            recorder.normal(job, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
        } catch (RuntimeException e) {
            expectations.creationObserved(key);
            LOG.warnf("job %s: creating a pod failed: %s", key, PodWriters.message(e));
            recorder.warning(job, "FailedCreate", "Error creating: " + PodWriters.message(e));
            throw e;
        }
    }

    private void deletePod(String key, Job job, Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
            LOG.debugf("job %s: deleted pod %s", key, pod.getMetadata().getName());
            recorder.normal(job, "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
        } catch (KubernetesClientException e) {
            expectations.deletionObserved(key, Indexer.keyOf(pod));
            if (e.getCode() != 404) {
                LOG.warnf("job %s: deleting pod %s failed: %s", key, pod.getMetadata().getName(), PodWriters.message(e));
                recorder.warning(job, "FailedDelete", "Error deleting: " + PodWriters.message(e));
                throw e;
            }
        }
    }

    private Job writeStatus(Job job, JobStatus status) {
        Job updated = client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace())
                .resource(new JobBuilder(job).withStatus(status).build()).updateStatus();
        resourceVersion(updated).ifPresent(written -> statusWrites.put(Indexer.keyOf(updated), written));
        LOG.debugf("job %s: status active=%d succeeded=%d failed=%d", Indexer.keyOf(job), status.getActive(), status.getSucceeded(),
                status.getFailed());
        return updated;
    }

    /**
     * Removes the tracking finalizer from pods left by a job named NAME that is gone or was replaced
     * by another of the same name (JOB, or null): nothing else would let them go.
     */
    private void releaseStale(List<Pod> candidates, String name, Job job) {
        for (Pod pod : candidates) {
            if (!JobTracking.isTracked(pod)) {
                continue;
            }
            Optional<OwnerReference> ref = ControllerRefs.controllerOf(pod);
            if (ref.isPresent() && "Job".equals(ref.get().getKind()) && name.equals(ref.get().getName())
                    && (job == null || !job.getMetadata().getUid().equals(ref.get().getUid()))) {
                JobTracking.release(client, pod);
            }
        }
    }

    private boolean olderThanOwnWrite(String key, Job job) {
        Long written = statusWrites.get(key);
        return written != null && resourceVersion(job).map(cached -> cached < written).orElse(false);
    }

    /** Skiff's resourceVersions are store revisions, so they order; one that is not a number orders nothing. */
    private static Optional<Long> resourceVersion(Job job) {
        try {
            return Optional.of(Long.parseLong(job.getMetadata().getResourceVersion()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Job freshJob(Job job) {
        return client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName()).get();
    }

    /**
     * A pod's change concerns the job that controls it (or controlled it: a tracked pod of a job
     * that is gone must be released), or, for a pod without controller, the jobs that may adopt it.
     */
    private final class PodEvents implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            Optional<OwnerReference> ref = ControllerRefs.controllerOf(pod);
            if (ref.isEmpty()) {
                ControllerRefs.selecting(pod, jobs, job -> job.getSpec() == null ? null : job.getSpec().getSelector())
                        .forEach(job -> loop.enqueue(Indexer.keyOf(job)));
                return;
            }
            if (!"Job".equals(ref.get().getKind())) {
                return;
            }
            String key = pod.getMetadata().getNamespace() + "/" + ref.get().getName();
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                expectations.deletionObserved(key, Indexer.keyOf(pod));
            } else {
                expectations.creationObserved(key);
            }
            loop.enqueue(key);
        }

        @Override
        public void onUpdate(Pod old, Pod pod) {
            if (Objects.equals(old.getMetadata().getResourceVersion(), pod.getMetadata().getResourceVersion())) {
                return;
            }
            Optional<OwnerReference> ref = ControllerRefs.controllerOf(pod);
            if (pod.getMetadata().getDeletionTimestamp() != null && old.getMetadata().getDeletionTimestamp() == null && ref.isPresent()) {
                expectations.deletionObserved(pod.getMetadata().getNamespace() + "/" + ref.get().getName(), Indexer.keyOf(pod));
            }
            enqueueOwner(old);
            if (ref.isPresent()) {
                enqueueOwner(pod);
            } else {
                ControllerRefs.selecting(pod, jobs, job -> job.getSpec() == null ? null : job.getSpec().getSelector())
                        .forEach(job -> loop.enqueue(Indexer.keyOf(job)));
            }
        }

        @Override
        public void onDelete(Pod pod) {
            ControllerRefs.controllerOf(pod).filter(ref -> "Job".equals(ref.getKind())).ifPresent(ref -> {
                String key = pod.getMetadata().getNamespace() + "/" + ref.getName();
                expectations.deletionObserved(key, Indexer.keyOf(pod));
                loop.enqueue(key);
            });
        }

        private void enqueueOwner(Pod pod) {
            ControllerRefs.controllerOf(pod).filter(ref -> "Job".equals(ref.getKind()))
                    .ifPresent(ref -> loop.enqueue(pod.getMetadata().getNamespace() + "/" + ref.getName()));
        }
    }
}
