package dev.skiff.scheduler.health;

import dev.skiff.scheduler.Scheduler;
import dev.skiff.scheduler.SchedulerService;
import dev.skiff.scheduler.cache.SchedulerCache;
import dev.skiff.scheduler.queue.SchedulingQueue;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: up once the informers have delivered the cluster's state, on the leader
 * and on standbys alike; its data say which this replica is ({@code role}: leader, standby) and
 * what it holds.
 */
@Readiness
@ApplicationScoped
public class SchedulerReadinessCheck implements HealthCheck {

    private final SchedulerService service;

    public SchedulerReadinessCheck(SchedulerService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("scheduler")
                .status(service.isSynced())
                .withData("role", service.role().name().toLowerCase())
                .withData("identity", service.identity())
                .withData("schedulerName", service.schedulerName());
        if (service.isSynced()) {
            SchedulingQueue.Counts queue = service.queue().counts();
            SchedulerCache.Counts cache = service.cache().counts();
            Scheduler.Stats stats = service.scheduler().stats();
            response.withData("nodes", cache.nodes())
                    .withData("podsOnNodes", cache.pods())
                    .withData("assumedPods", cache.assumedPods())
                    .withData("pendingPods", queue.pending())
                    .withData("unschedulablePods", queue.unschedulable())
                    .withData("scheduledPods", stats.scheduled())
                    .withData("failedAttempts", stats.failedAttempts())
                    .withData("bindingsInFlight", stats.bindingsInFlight());
        }
        return response.build();
    }
}
