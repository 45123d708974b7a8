package dev.skiff.scheduler.health;

import dev.skiff.informer.LeaderElectedRun;
import dev.skiff.scheduler.SchedulerService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** {@code /q/health/live}: down if this replica leads but its scheduling loop has died. */
@Liveness
@ApplicationScoped
public class SchedulerLivenessCheck implements HealthCheck {

    private final SchedulerService service;

    public SchedulerLivenessCheck(SchedulerService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        boolean alive = service.role() != LeaderElectedRun.Role.LEADER || service.scheduler().isRunning();
        return HealthCheckResponse.named("scheduling-loop").status(alive).build();
    }
}
