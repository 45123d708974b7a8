package dev.skiff.controllers.cronjob;

import dev.skiff.controllers.Controller;
import dev.skiff.controllers.ControllerContext;
import dev.skiff.controllers.ReconcileLoop;
import dev.skiff.controllers.replicaset.ControllerRefs;
import dev.skiff.controllers.replicaset.PodWriters;
import dev.skiff.informer.EventRecorder;
import dev.skiff.informer.Indexes;
import dev.skiff.informer.Informer;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The CronJob controller, as Kubernetes' {@code cronjob-controller}: starts each CronJob's jobs on
 * its schedule ({@link CronJobSync} decides what and when), keeps its active list, last schedule
 * and last success current through the status subresource, and deletes finished jobs beyond its
 * history limits. A schedule without {@code timeZone} is read in this process's time zone, as in
 * Kubernetes.
 */
@Singleton
public class CronJobController implements Controller {

    private static final Logger LOG = Logger.getLogger(CronJobController.class);
    private static final String NAME = "cronjob-controller";

    private KubernetesClient client;
    private Clock clock;
    private EventRecorder recorder;
    private Informer<CronJob> cronJobs;
    private Informer<Job> jobs;
    private ReconcileLoop loop;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void register(ControllerContext context) {
        client = context.client();
        clock = context.clock();
        recorder = context.recorder(NAME);
        loop = context.reconcileLoop(NAME, context.config().cronJob().workers(), this::reconcile);
        cronJobs = context.informers().informer(CronJob.class);
        jobs = context.informers().informer(Job.class);
        cronJobs.addEventHandler(loop.enqueueEveryChange());
        jobs.addEventHandler(loop.enqueueControllerOf("CronJob"));
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop(Duration wait) {
        loop.stop(wait);
    }

    /** Converges one CronJob ({@code namespace/name}) from the caches. */
    void reconcile(String key) {
        CronJob cronJob = cronJobs.indexer().get(key).orElse(null);
        if (cronJob == null) {
            return;
        }
        List<Job> owned = new ArrayList<>(jobs.indexer().byIndex(Indexes.NAMESPACE, cronJob.getMetadata().getNamespace()).stream()
                .filter(job -> ControllerRefs.isControlledBy(job, cronJob)).toList());
        addUnseenActive(cronJob, owned);
        CronJobSync.Plan plan = CronJobSync.plan(cronJob, owned, ZoneId.systemDefault(), clock.instant());
        for (Job job : plan.delete()) {
            deleteJob(key, cronJob, job);
        }
        CronJobStatus status = plan.status();
        if (plan.create() != null) {
            Job created = createJob(key, cronJob, plan.create());
            if (created != null) {
                List<ObjectReference> active = new ArrayList<>(status.getActive());
                active.add(CronJobSync.reference(created));
                status.setActive(active);
            }
        }
        if (!status.equals(cronJob.getStatus())) {
            client.batch().v1().cronjobs().inNamespace(cronJob.getMetadata().getNamespace())
                    .resource(new CronJobBuilder(cronJob).withStatus(status).build()).updateStatus();
            LOG.debugf("cronjob %s: status active=%d lastScheduleTime=%s", key, status.getActive().size(), status.getLastScheduleTime());
        }
        plan.events().forEach(event -> {
            if (event.warning()) {
                recorder.warning(cronJob, event.reason(), event.message());
            } else {
                recorder.normal(cronJob, event.reason(), event.message());
            }
        });
        if (plan.recheck() != null) {
            loop.enqueueAfter(key, plan.recheck());
        }
    }

    /**
     * Adds to OWNED the jobs of the active list the cache does not show yet (read from the
     * api-server), so that a job just created is not taken for one that went missing.
     */
    private void addUnseenActive(CronJob cronJob, List<Job> owned) {
        if (cronJob.getStatus() == null || cronJob.getStatus().getActive() == null) {
            return;
        }
        for (ObjectReference ref : cronJob.getStatus().getActive()) {
            if (owned.stream().noneMatch(job -> job.getMetadata().getUid().equals(ref.getUid()))) {
                Job job = client.batch().v1().jobs().inNamespace(cronJob.getMetadata().getNamespace()).withName(ref.getName()).get();
                if (job != null && job.getMetadata().getUid().equals(ref.getUid())) {
                    owned.add(job);
                }
            }
        }
    }

    /** The job created, or null when it exists already (made by an earlier pass this cache has not seen yet). */
    private Job createJob(String key, CronJob cronJob, Job job) {
        try {
            Job created = client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(job).create();
            LOG.infof("cronjob %s: created job %s", key, created.getMetadata().getName());
            recorder.normal(cronJob, "SuccessfulCreate", "Created job " + created.getMetadata().getName());
            return created;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                LOG.debugf("cronjob %s: job %s exists already", key, job.getMetadata().getName());
                return null;
            }
            recorder.warning(cronJob, "FailedCreate", "Error creating job: " + PodWriters.message(e));
            throw e;
        }
    }

    private void deleteJob(String key, CronJob cronJob, Job job) {
        try {
            client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            LOG.debugf("cronjob %s: deleted job %s", key, job.getMetadata().getName());
            recorder.normal(cronJob, "SuccessfulDelete", "Deleted job " + job.getMetadata().getName());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                recorder.warning(cronJob, "FailedDelete", "Error deleting job: " + PodWriters.message(e));
                throw e;
            }
        }
    }
}
