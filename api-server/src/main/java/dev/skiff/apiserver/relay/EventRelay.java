package dev.skiff.apiserver.relay;

import dev.skiff.api.events.Topics;
import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.apiserver.config.SkiffConfig;
import dev.skiff.store.KeyValue;
import dev.skiff.store.ListResult;
import dev.skiff.store.Store;
import dev.skiff.store.Watch;
import dev.skiff.store.WatchEvent;
import dev.skiff.store.WatchListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes every committed change to Kafka, in revision order, by following the store's own
 * watch from a durable checkpoint — not the requests — so a crash between commit and publish
 * loses nothing: the next relay resumes from the checkpoint, and what it sends twice carries the
 * same resourceVersion, which consumers drop. One api-server relays at a time
 * ({@link RelayLeadership}). With no checkpoint yet, or one the store has compacted away, it
 * republishes the current state of every object and goes on from there.
 */
@ApplicationScoped
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class);
    private static final String PREFIX = "/registry/";
    private static final int SNAPSHOT_PAGE = 1000;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    /** What the relay is doing, for health. */
    public enum State { OFF, STANDBY, LEADER, FAILING }

    private final Store store;
    private final ResourceRegistry registry;
    private final SkiffConfig.KafkaConfig kafka;
    private final SkiffConfig.RelayConfig config;
    private final Topics topics;
    private final RelayCheckpoint checkpoint;
    private final RelayLeadership leadership;
    private final RelayRecords records;

    private volatile State state = State.OFF;
    private volatile String lastError = "";
    private volatile long publishedRevision;
    private volatile boolean running;
    private Thread thread;

    public EventRelay(Store store, ResourceRegistry registry, SkiffConfig config) {
        this.store = store;
        this.registry = registry;
        this.kafka = config.kafka();
        this.config = config.relay();
        this.topics = new Topics(kafka.topicPrefix());
        this.checkpoint = new RelayCheckpoint(store);
        String identity = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
        this.leadership = new RelayLeadership(store, identity, this.config.leaseDuration());
        this.records = new RelayRecords(registry, topics, kafka.podsByNodePartitions());
    }

    void start(@Observes StartupEvent event) {
        if (kafka.bootstrapServers().isEmpty()) {
            LOG.info("relay: off (no skiff.kafka.bootstrap-servers); components read changes through watch");
            return;
        }
        running = true;
        state = State.STANDBY;
        thread = new Thread(this::run, "skiff-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public State state() {
        return state;
    }

    public String lastError() {
        return lastError;
    }

    /** The newest revision Kafka has acknowledged from this relay. */
    public long publishedRevision() {
        return publishedRevision;
    }

    private void run() {
        Duration backoff = config.retryBackoff();
        while (running) {
            try {
                if (!leadership.held() && !leadership.tryAcquire()) {
                    state = State.STANDBY;
                    pause(Duration.ofSeconds(leadership.renewEverySeconds()));
                    continue;
                }
                LOG.infof("relay: this api-server is the relay; publishing to Kafka at %s", kafka.bootstrapServers().get());
                state = State.LEADER;
                relayWhileLeader();
                backoff = config.retryBackoff();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                state = State.FAILING;
                lastError = e.toString();
                LOG.warnf("relay: %s; retrying in %d ms from the checkpoint", e, backoff.toMillis());
                try {
                    pause(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        leadership.release();
        state = State.OFF;
    }

    /** Publishes from the checkpoint until leadership is lost, the relay stops, or something fails. */
    private void relayWhileLeader() throws Exception {
        try (Admin admin = Admin.create(clientProperties());
             Producer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
            TopicSetup.ensure(admin, topicPartitions(), kafka.replicationFactor());
            long from = startingRevision(producer);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Publisher publisher = new Publisher(producer, failure, from);
            try (Watch watch = store.watch(PREFIX, from, publisher)) {
                long nextRenewal = System.nanoTime() + Duration.ofSeconds(leadership.renewEverySeconds()).toNanos();
                while (running) {
                    pause(config.checkpointInterval());
                    if (failure.get() != null) {
                        throw new RelayFailure(failure.get());
                    }
                    if (System.nanoTime() >= nextRenewal) {
                        if (!leadership.renew()) {
                            LOG.warn("relay: leadership lost (lease expired); standing by");
                            return;
                        }
                        nextRenewal = System.nanoTime() + Duration.ofSeconds(leadership.renewEverySeconds()).toNanos();
                    }
                    long sent = publisher.lastSent;
                    producer.flush();
                    if (failure.get() == null && sent > publishedRevision) {
                        checkpoint.save(sent);
                        publishedRevision = sent;
                    }
                }
            }
        }
    }

    /** Where to resume: the checkpoint, or after a snapshot when there is none or it was compacted away. */
    private long startingRevision(Producer<String, byte[]> producer) {
        var saved = checkpoint.load();
        long compacted = store.compactedRevision();
        if (saved.isPresent() && saved.get() >= compacted) {
            publishedRevision = saved.get();
            return saved.get();
        }
        if (saved.isPresent()) {
            LOG.errorf("relay: the checkpoint %d has been compacted away (store compacted at %d): changes in between "
                    + "cannot be replayed; republishing the current state of every object", saved.get(), compacted);
        } else {
            LOG.info("relay: no checkpoint yet; publishing the current state of every object");
        }
        long revision = snapshot(producer);
        producer.flush();
        checkpoint.save(revision);
        publishedRevision = revision;
        return revision;
    }

    /** Publishes every object as it stands at one revision; returns that revision. */
    private long snapshot(Producer<String, byte[]> producer) {
        long revision = 0;
        String start = null;
        int count = 0;
        while (true) {
            ListResult page = store.list(PREFIX, revision, start, SNAPSHOT_PAGE);
            revision = page.revision();
            for (KeyValue kv : page.items()) {
                for (ProducerRecord<String, byte[]> record : records.snapshotOf(kv)) {
                    producer.send(record);
                }
                count++;
            }
            if (!page.more() || page.items().isEmpty()) {
                LOG.infof("relay: published a snapshot of %d objects at revision %d", count, revision);
                return revision;
            }
            start = page.items().get(page.items().size() - 1).key() + '\0';
        }
    }

    private Map<String, Integer> topicPartitions() {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (ResourceType type : registry.all()) {
            partitions.put(topics.of(type), kafka.partitions());
        }
        partitions.put(topics.podsByNode(), kafka.podsByNodePartitions());
        return partitions;
    }

    private Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(kafka.client());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers().get());
        return props;
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> props = clientProperties();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    /** Sends each change of the store watch; the first failure stops the relay run. */
    private final class Publisher implements WatchListener {

        private final Producer<String, byte[]> producer;
        private final AtomicReference<Throwable> failure;
        private volatile long lastSent;

        Publisher(Producer<String, byte[]> producer, AtomicReference<Throwable> failure, long from) {
            this.producer = producer;
            this.failure = failure;
            this.lastSent = from;
        }

        @Override
        public void onEvent(WatchEvent event) {
            if (failure.get() != null) {
                return;
            }
            try {
                for (ProducerRecord<String, byte[]> record : records.of(event)) {
                    producer.send(record, (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
                }
                lastSent = event.revision();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }

        @Override
        public void onCompacted(long compactedRevision) {
            failure.compareAndSet(null, new IllegalStateException("the store compacted past revision " + lastSent
                    + " (compacted at " + compactedRevision + ") before the relay read it"));
        }

        @Override
        public void onError(Throwable error) {
            failure.compareAndSet(null, error);
        }
    }

    /** A run of the relay ended by a failure of Kafka or of the store watch. */
    private static final class RelayFailure extends Exception {
        RelayFailure(Throwable cause) {
            super(cause.toString(), cause);
        }
    }
}
