package dev.skiff.apiserver.relay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay publishes every committed change, in order, to the resource's topic on a real Kafka broker. */
@QuarkusTest
@TestProfile(KafkaBackbone.class)
class EventRelayTest {

    private static final String CMS = "/api/v1/namespaces/default/configmaps";

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode value(ConsumerRecord<String, byte[]> record) {
        try {
            return record.value() == null ? null : Json.MAPPER.readTree(record.value());
        } catch (IOException e) {
            throw new AssertionError("record value is not JSON", e);
        }
    }

    @BeforeEach
    void relayFollowsTheStore() {
        KafkaBackbone.awaitRelayFollowing();
    }

    @Test
    void createUpdateDeleteArriveInOrderWithTheirResourceVersions() {
        List<String> expected = new ArrayList<>();
        String rv = given().contentType(ContentType.JSON)
                .body("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"relayed\"},\"data\":{\"k\":\"1\"}}")
                .post(CMS).then().statusCode(201).extract().path("metadata.resourceVersion");
        expected.add("ADDED " + rv);
        for (int i = 2; i <= 4; i++) {
            rv = given().contentType("application/merge-patch+json").body("{\"data\":{\"k\":\"" + i + "\"}}")
                    .patch(CMS + "/relayed").then().statusCode(200).extract().path("metadata.resourceVersion");
            expected.add("MODIFIED " + rv);
        }
        String deletedRv = given().delete(CMS + "/relayed").then().statusCode(200).extract().path("metadata.resourceVersion");
        expected.add("DELETED " + deletedRv);
        expected.add("TOMBSTONE " + deletedRv);

        try (TopicReader reader = TopicReader.of(KafkaBackbone.Broker.bootstrapServers, "skiff.core.configmaps")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                // de-duplicated by resourceVersion, as consumers do: a re-send repeats a record exactly
                List<String> sequence = reader.poll("default/relayed"::equals).stream()
                        .map(r -> (r.value() == null ? "TOMBSTONE" : value(r).path("type").asText()) + " " + header(r, "resourceVersion"))
                        .distinct().toList();
                assertThat(sequence).containsExactlyElementsOf(expected);
            });
            List<ConsumerRecord<String, byte[]>> records = reader.poll("default/relayed"::equals);
            ConsumerRecord<String, byte[]> first = records.get(0);
            assertThat(header(first, "kind")).isEqualTo("ConfigMap");
            assertThat(header(first, "namespace")).isEqualTo("default");
            JsonNode event = value(first);
            assertThat(event.path("object").path("data").path("k").asText()).isEqualTo("1");
            assertThat(event.path("object").path("metadata").path("resourceVersion").asText()).isEqualTo(header(first, "resourceVersion"));
        }
    }

    @Test
    void podsBoundToANodeAreInThatNodesPartition() {
        given().contentType(ContentType.JSON).body("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"bound\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"skiff.local/busybox:1\"}]}}")
                .post("/api/v1/namespaces/default/pods").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"bound\"},"
                + "\"target\":{\"name\":\"node-7\"}}").post("/api/v1/namespaces/default/pods/bound/binding").then().statusCode(201);
        int partition = RelayRecords.partitionOfNode("node-7", 8);
        try (TopicReader reader = TopicReader.ofPartition(KafkaBackbone.Broker.bootstrapServers, "skiff.core.pods-by-node", partition)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<ConsumerRecord<String, byte[]>> records = reader.poll("default/bound"::equals);
                assertThat(records).isNotEmpty();
                assertThat(value(records.get(records.size() - 1)).path("object").path("spec").path("nodeName").asText())
                        .isEqualTo("node-7");
            });
        }
    }

    @Test
    void theFirstRunPublishesASnapshotOfWhatExisted() {
        try (TopicReader reader = TopicReader.of(KafkaBackbone.Broker.bootstrapServers, "skiff.core.namespaces")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(reader.poll(k -> true).stream().map(ConsumerRecord::key))
                            .contains("default", "kube-system", "kube-public", "kube-node-lease"));
        }
    }

    @Test
    void topicsAreCreatedCompactedWithTheConfiguredSettings() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBackbone.Broker.bootstrapServers))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "skiff.apps.deployments");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
                assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
                assertThat(config.get("delete.retention.ms").value()).isEqualTo("123456");
            });
            assertThat(admin.describeTopics(List.of("skiff.core.pods-by-node")).allTopicNames().get()
                    .get("skiff.core.pods-by-node").partitions()).hasSize(8);
        }
    }

    @Test
    void healthReportsTheRelay() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'relay' }.data.state", org.hamcrest.Matchers.equalTo("leader")));
    }
}
