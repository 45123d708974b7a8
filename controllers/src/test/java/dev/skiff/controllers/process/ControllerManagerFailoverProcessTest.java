package dev.skiff.controllers.process;

import dev.skiff.informer.ApiClient;
import dev.skiff.informer.testing.ApiServerProcess;
import dev.skiff.informer.testing.QuarkusAppProcess;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two controller manager processes against one api-server: exactly one leads; when the leader is
 * killed (SIGKILL: no lease released) the standby takes the Lease over within its duration.
 */
@Timeout(120)
class ControllerManagerFailoverProcessTest {

    private static final Duration DEADLINE = Duration.ofSeconds(45);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private ApiServerProcess apiServer;
    private KubernetesClient client;

    @BeforeEach
    void start() throws Exception {
        apiServer = ApiServerProcess.start(Map.of());
        client = ApiClient.connect(apiServer.url(), "skiff-test");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        client.close();
        apiServer.close();
    }

    @Test
    void theStandbyTakesOverWhenTheLeaderIsKilled() throws Exception {
        QuarkusAppProcess a = started("manager-a");
        QuarkusAppProcess b = started("manager-b");
        a.awaitUntil(DEADLINE, () -> a.isLeader() || b.isLeader());
        QuarkusAppProcess leader = a.isLeader() ? a : b;
        QuarkusAppProcess standby = leader == a ? b : a;
        standby.awaitUntil(DEADLINE, standby::isReady);
        assertThat(standby.readyData().path("role").asText()).isEqualTo("standby");
        assertThat(holder()).isEqualTo(leader.name());

        leader.kill();
        standby.awaitUntil(DEADLINE, standby::isLeader);
        assertThat(holder()).isEqualTo(standby.name());
    }

    private String holder() {
        Lease lease = client.leases().inNamespace("kube-system").withName("skiff-controller-manager").get();
        return lease.getSpec().getHolderIdentity();
    }

    private QuarkusAppProcess started(String name) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("SKIFF_CONTROLLERS_API_SERVER", apiServer.url());
        settings.put("SKIFF_CONTROLLERS_LEADER_ELECTION_IDENTITY", name);
        settings.put("SKIFF_CONTROLLERS_LEADER_ELECTION_LEASE_DURATION", "3s");
        settings.put("SKIFF_CONTROLLERS_LEADER_ELECTION_RENEW_DEADLINE", "2s");
        settings.put("SKIFF_CONTROLLERS_LEADER_ELECTION_RETRY_PERIOD", "300ms");
        QuarkusAppProcess process = QuarkusAppProcess.start(name, settings);
        resources.add(process);
        return process;
    }
}
