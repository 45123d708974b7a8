package dev.skiff.apiserver.relay;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The relay's state in {@code /q/health/ready}: down while it cannot publish (Kafka unreachable:
 * failing and retrying, or stalled waiting for acknowledgements), with the reason. The REST API
 * keeps serving meanwhile; {@code /readyz} follows the store only.
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
                .status(state != EventRelay.State.FAILING && state != EventRelay.State.STALLED)
                .withData("state", state.name().toLowerCase())
                .withData("publishedRevision", relay.publishedRevision());
        if (state == EventRelay.State.FAILING) {
            response.withData("error", relay.lastError());
        } else if (state == EventRelay.State.STALLED) {
            response.withData("error", "Kafka has not acknowledged the relay's records for "
                    + relay.awaitingAcksFor().toSeconds() + " s");
        }
        return response.build();
    }
}
