package dev.skiff.informer;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events written through a real api-server, found again the way kubectl describe looks for them. */
@Timeout(120)
class EventRecorderTest {

    private static final String NS = "event-recorder";
    private static KubernetesClient client;

    @BeforeAll
    static void connect() throws Exception {
        client = ApiClient.connect(SharedApiServer.url(), "skiff-test");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void eventsAreFoundByTheObjectTheyAreAbout() {
        ConfigMap about = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("subject").endMetadata().build()).create();
        try (EventRecorder recorder = new EventRecorder(client, "test-component", "host-1")) {
            recorder.normal(about, "Tested", "first event");
            recorder.warning(about, "Failed", "second event");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Event> events = client.v1().events().inNamespace(NS)
                    .withField("involvedObject.name", "subject")
                    .withField("involvedObject.uid", about.getMetadata().getUid())
                    .list().getItems();
            assertThat(events).extracting(Event::getReason).containsExactlyInAnyOrder("Tested", "Failed");
            assertThat(events).extracting(Event::getType).containsExactlyInAnyOrder("Normal", "Warning");
            assertThat(events).allSatisfy(event -> {
                assertThat(event.getSource().getComponent()).isEqualTo("test-component");
                assertThat(event.getSource().getHost()).isEqualTo("host-1");
                assertThat(event.getInvolvedObject().getKind()).isEqualTo("ConfigMap");
                assertThat(event.getCount()).isEqualTo(1);
            });
        });
    }

    @Test
    void aRefusedWriteDoesNotReachTheCallerAndIsLoggedOnOneLineWithTheApiServersReason() {
        ConfigMap elsewhere = new ConfigMapBuilder().withNewMetadata().withName("x").withNamespace("no-such-namespace").endMetadata().build();
        elsewhere.setKind("ConfigMap");
        elsewhere.setApiVersion("v1");
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(EventRecorder.class.getName());
        logger.addHandler(capture);
        try {
            try (EventRecorder recorder = new EventRecorder(client, "test-component", null)) {
                recorder.normal(elsewhere, "Tested", "goes nowhere");
            }
            assertThat(logged).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                assertThat(record.getMessage()).isEqualTo(
                        "could not write event Tested on ConfigMap no-such-namespace/x: 404 namespaces \"no-such-namespace\" not found");
                assertThat(record.getThrown()).isNull();
            });
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(client.v1().events().inNamespace("no-such-namespace").list().getItems()).isEmpty();
    }
}
