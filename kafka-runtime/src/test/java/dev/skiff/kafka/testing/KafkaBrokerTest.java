package dev.skiff.kafka.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaBrokerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void producesAndConsumesARecord() throws Exception {
        String servers = KAFKA.bootstrapServers();
        createTopic(servers, "harness.one-record", Map.of());
        try (KafkaProducer<String, String> producer = producer(servers)) {
            send(producer, "harness.one-record", "default/web", "{\"type\":\"ADDED\"}");
        }

        assertThat(servers).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(readAll(servers, "harness.one-record")).containsExactly(Map.entry("default/web", "{\"type\":\"ADDED\"}"));
    }

    @Test
    void restartKeepsAddressAndDataForClientsAndCloseDeletesThem() throws Exception {
        Path directory;
        String servers;
        try (KafkaBroker broker = KafkaBroker.start();
             KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
            servers = broker.bootstrapServers();
            directory = broker.directory();
            createTopic(servers, "harness.restart", Map.of());
            send(producer, "harness.restart", "before", "1");

            broker.stop();
            assertThat(acceptsConnections(servers)).isFalse();
            broker.restart();
            send(producer, "harness.restart", "after", "2");

            assertThat(broker.bootstrapServers()).isEqualTo(servers);
            assertThat(readAll(servers, "harness.restart"))
                    .containsExactly(Map.entry("before", "1"), Map.entry("after", "2"));
        }

        assertThat(acceptsConnections(servers)).isFalse();
        assertThat(directory).doesNotExist();
    }

    @Test
    void quickCompactionKeepsOnlyTheNewestValueOfEachKey() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.QUICK_COMPACTION);
             KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
            String servers = broker.bootstrapServers();
            createTopic(servers, "harness.compacted", Map.of("cleanup.policy", "compact"));
            send(producer, "harness.compacted", "a", "1");
            send(producer, "harness.compacted", "a", "2");
            send(producer, "harness.compacted", "b", "1");

            // keep producing: a segment is compacted only once a later record has rolled it
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            List<Map.Entry<String, String>> records = readAll(servers, "harness.compacted");
            for (int tick = 0; records.contains(Map.entry("a", "1")); tick++) {
                assertThat(System.nanoTime()).as("compaction within %s", DEADLINE).isLessThan(deadline);
                send(producer, "harness.compacted", "tick", Integer.toString(tick));
                records = readAll(servers, "harness.compacted");
            }

            assertThat(records).contains(Map.entry("a", "2"), Map.entry("b", "1"));
        }
    }

    @Test
    void aBrokerThatCannotStartFailsWithItsLog() {
        assertThatThrownBy(() -> KafkaBroker.start(Map.of("num.io.threads", "zero")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("its log:")
                .hasMessageContaining("num.io.threads");
    }

    @Test
    void listenersAndDataDirectoryBelongToTheHarness() {
        assertThatThrownBy(() -> KafkaBroker.start(Map.of("log.dirs", "/tmp/elsewhere", "num.io.threads", "4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the harness sets [log.dirs] itself; leave them out");
    }

    private static void createTopic(String servers, String topic, Map<String, String> config) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(config)))
                    .all().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(String servers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
                new StringSerializer(), new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, String value)
            throws InterruptedException, ExecutionException, TimeoutException {
        producer.send(new ProducerRecord<>(topic, key, value)).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every record of the topic's only partition, in offset order, read up to its end offset. */
    private static List<Map.Entry<String, String>> readAll(String servers, String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), DEADLINE).get(partition);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            List<Map.Entry<String, String>> records = new ArrayList<>();
            while (consumer.position(partition, DEADLINE) < end) {
                assertThat(System.nanoTime()).as("read %s to offset %d within %s", topic, end, DEADLINE)
                        .isLessThan(deadline);
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(Map.entry(record.key(), record.value()));
                }
            }
            return records;
        }
    }

    private static boolean acceptsConnections(String servers) {
        int port = Integer.parseInt(servers.substring(servers.indexOf(':') + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
