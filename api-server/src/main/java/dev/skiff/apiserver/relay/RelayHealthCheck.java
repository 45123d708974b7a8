package dev.skiff.apiserver.relay;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The relay's state in {@code /q/health/ready}: down while it cannot publish (Kafka unreachable),
 * with the reason. The REST API keeps serving meanwhile; {@code /readyz} follows the store only.
 */
@Readiness
@ApplicationScoped
public class RelayHealthCheck implements HealthCheck {

    private final EventRelay relay;

    public RelayHealthCheck(EventRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        EventRelay.State state = relay.state();
        var response = HealthCheckResponse.named("relay")
                .status(state != EventRelay.State.FAILING)
                .withData("state", state.name().toLowerCase())
                .withData("publishedRevision", relay.publishedRevision());
        if (state == EventRelay.State.FAILING) {
            response.withData("error", relay.lastError());
        }
        return response.build();
    }
}
