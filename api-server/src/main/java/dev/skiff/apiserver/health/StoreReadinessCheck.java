package dev.skiff.apiserver.health;

import dev.skiff.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness for {@code /q/health/ready}: the store answers. */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

    private final Store store;

    public StoreReadinessCheck(Store store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("store").status(store.isHealthy()).build();
    }
}
