package dev.skiff.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.store.Store;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A watcher that stops reading is dropped (its stream ends) once it is more than the queue size
 * behind, while a watcher that keeps reading gets every event.
 */
@QuarkusTest
@TestProfile(SlowWatcherTest.SmallQueue.class)
class SlowWatcherTest {

    /** A watch queue of 10 events, so a stalled reader overflows it quickly. */
    public static class SmallQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("skiff.api.watch.queue-size", "10");
        }
    }

    private static final String NS = "slow";
    private static final int OBJECTS = 150;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Store store;

    @Test
    void stalledWatcherIsDroppedAndOthersGetEverything() throws Exception {
        given().contentType(ContentType.JSON).body(Manifests.namespace(NS)).post("/api/v1/namespaces").then().statusCode(201);
        long from = store.currentRevision();
        String path = "/api/v1/namespaces/" + NS + "/configmaps?watch=true&resourceVersion=" + from;

        try (Socket stalled = new Socket();
             WatchStream reading = WatchStream.open(base, path)) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            stalled.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));

            String big = "x".repeat(100_000);
            for (int i = 0; i < OBJECTS; i++) {
                given().contentType(ContentType.JSON).body(Manifests.configMap("cm-" + i, "k", big))
                        .post("/api/v1/namespaces/" + NS + "/configmaps").then().statusCode(201);
            }

            Set<String> seen = new HashSet<>();
            while (seen.size() < OBJECTS) {
                JsonNode event = reading.next();
                assertThat(event).as("the reading watcher's stream ended early").isNotSameAs(WatchStream.END);
                seen.add(WatchStream.name(event));
            }

            stalled.setSoTimeout(30_000);
            String received = readToEnd(stalled.getInputStream());
            int events = received.split("\"type\":\"ADDED\"", -1).length - 1;
            assertThat(received).startsWith("HTTP/1.1 200");
            assertThat(events).as("events delivered to the stalled watcher before it was dropped").isLessThan(OBJECTS);
        }
    }

    private static String readToEnd(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
