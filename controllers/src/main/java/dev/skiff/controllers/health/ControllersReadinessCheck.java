package dev.skiff.controllers.health;

import dev.skiff.controllers.Controller;
import dev.skiff.controllers.ControllerManager;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.stream.Collectors;

/**
 * {@code /q/health/ready}: up once the informers have delivered the cluster's state, on the leader
 * and on standbys alike; its data say which this replica is and which controllers it runs.
 */
@Readiness
@ApplicationScoped
public class ControllersReadinessCheck implements HealthCheck {

    private final ControllerManager manager;

    public ControllersReadinessCheck(ControllerManager manager) {
        this.manager = manager;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("controller-manager")
                .status(manager.isSynced())
                .withData("role", manager.role().name().toLowerCase())
                .withData("identity", String.valueOf(manager.identity()))
                .withData("controllers", manager.controllers().stream().map(Controller::name).collect(Collectors.joining(",")))
                .build();
    }
}
