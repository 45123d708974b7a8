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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    public enum State { OFF, STANDBY, LEADER, STALLED, FAILING }

    private final Store store;
    private final ResourceRegistry registry;
    private final SkiffConfig.KafkaConfig kafka;
    private final SkiffConfig.RelayConfig config;
    private final Topics topics;
    private final RelayCheckpoint checkpoint;
    private final RelayLeadership leadership;
    private final RelayRecords records;

    private volatile State state = State.OFF;
    /** {@link System#nanoTime()} when the relay began waiting for Kafka's acknowledgements; 0 while it is not waiting. */
    private volatile long awaitingAcksSince;
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
        checkSettings(config);
        running = true;
        state = State.STANDBY;
        thread = new Thread(this::run, "skiff-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Refuses to start on a duration that would make the relay spin or never wait: each must be positive. */
    static void checkSettings(SkiffConfig.RelayConfig settings) {
        Map<String, Duration> durations = new LinkedHashMap<>();
        durations.put("lease-duration", settings.leaseDuration());
        durations.put("checkpoint-interval", settings.checkpointInterval());
        durations.put("retry-backoff", settings.retryBackoff());
        durations.put("stall-timeout", settings.stallTimeout());
        durations.forEach((name, value) -> {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("skiff.relay." + name + " must be positive, got " + value);
            }
        });
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

    /** The relay's state; a leader whose records Kafka has left unacknowledged beyond the stall timeout is {@link State#STALLED}. */
    public State state() {
        State current = state;
        long since = awaitingAcksSince;
        if (current == State.LEADER && since != 0 && System.nanoTime() - since > config.stallTimeout().toNanos()) {
            return State.STALLED;
        }
        return current;
    }

    /** How long the relay has been waiting for Kafka's acknowledgements; zero when it is not waiting. */
    public Duration awaitingAcksFor() {
        long since = awaitingAcksSince;
        return since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
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

    /**
     * Publishes from the checkpoint until leadership is lost, the relay stops, or something fails.
     * The lease is renewed on a timer of its own, so a slow snapshot or a Kafka stall cannot let it
     * expire unnoticed; once it is lost nothing more is sent and no checkpoint is written.
     */
    private void relayWhileLeader() throws Exception {
        AtomicBoolean lost = new AtomicBoolean();
        ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "skiff-relay-lease");
            t.setDaemon(true);
            return t;
        });
        long every = leadership.renewEverySeconds();
        renewer.scheduleWithFixedDelay(() -> {
            if (!lost.get() && !renewQuietly()) {
                lost.set(true);
            }
        }, every, every, TimeUnit.SECONDS);
        try (Admin admin = Admin.create(clientProperties());
             Producer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
            TopicSetup.ensure(admin, topicPartitions(), kafka.replicationFactor(), kafka.topicConfig());
            long from = startingRevision(producer, lost);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Publisher publisher = new Publisher(producer, failure, lost, from);
            try (Watch watch = store.watch(PREFIX, from, publisher)) {
                while (running) {
                    try {
                        pause(config.checkpointInterval());
                    } catch (InterruptedException stopping) {
                        // stop() wakes the relay: it leaves through the last checkpoint below
                        break;
                    }
                    if (failure.get() != null) {
                        throw new RelayFailure(failure.get());
                    }
                    if (lost.get()) {
                        LOG.warn("relay: leadership lost (lease expired); standing by");
                        return;
                    }
                    checkpointAcknowledged(producer, publisher, failure, lost);
                }
                // a graceful stop records how far Kafka got, so the next relay re-sends none of it
                checkpointAcknowledged(producer, publisher, failure, lost);
            }
        } finally {
            // give the leadership up whatever ended the run, so a standby can take over while this one backs off
            renewer.shutdownNow();
            leadership.release();
        }
    }

    /** Waits until Kafka has acknowledged everything sent, then saves the checkpoint, unless sending failed or leadership was lost. */
    private void checkpointAcknowledged(Producer<String, byte[]> producer, Publisher publisher,
                                        AtomicReference<Throwable> failure, AtomicBoolean lost) {
        long sent = publisher.lastSent;
        awaitingAcksSince = System.nanoTime();
        try {
            producer.flush();
        } finally {
            awaitingAcksSince = 0;
        }
        if (failure.get() == null && !lost.get() && sent > publishedRevision) {
            checkpoint.save(sent);
            publishedRevision = sent;
        }
    }

    private boolean renewQuietly() {
        try {
            return leadership.renew();
        } catch (RuntimeException e) {
            LOG.warnf("relay: cannot renew the leadership lease: %s", e.getMessage());
            return false;
        }
    }

    /** Where to resume: the checkpoint, or after a snapshot when there is none or it was compacted away. */
    private long startingRevision(Producer<String, byte[]> producer, AtomicBoolean lost) {
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
        if (lost.get()) {
            throw new IllegalStateException("leadership lost while publishing the snapshot");
        }
        checkpoint.save(revision);
        publishedRevision = revision;
        return revision;
    }

    /**
     * Publishes every object as it stands at one revision, then deletes on the topics whatever
     * they still hold that no longer exists (deleted while the topics could not follow); returns
     * that revision.
     */
    private long snapshot(Producer<String, byte[]> producer) {
        long revision = 0;
        String start = null;
        Map<String, Set<String>> liveKeys = new HashMap<>();
        while (true) {
            ListResult page = store.list(PREFIX, revision, start, SNAPSHOT_PAGE);
            revision = page.revision();
            for (KeyValue kv : page.items()) {
                for (ProducerRecord<String, byte[]> record : records.snapshotOf(kv)) {
                    producer.send(record);
                    liveKeys.computeIfAbsent(record.topic(), t -> new HashSet<>()).add(record.key());
                }
            }
            if (!page.more() || page.items().isEmpty()) {
                break;
            }
            start = page.items().get(page.items().size() - 1).key() + '\0';
        }
        int deleted = 0;
        for (String topic : topicPartitions().keySet()) {
            Set<String> live = liveKeys.getOrDefault(topic, Set.of());
            for (var stale : TopicKeys.live(clientProperties(), topic).values()) {
                if (!live.contains(stale.key())) {
                    records.deletionOf(stale, revision).forEach(producer::send);
                    deleted++;
                }
            }
        }
        LOG.infof("relay: published a snapshot of %d objects at revision %d, and %d deletions of objects gone meanwhile",
                liveKeys.values().stream().mapToInt(Set::size).sum(), revision, deleted);
        return revision;
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
        private final AtomicBoolean lost;
        private volatile long lastSent;

        Publisher(Producer<String, byte[]> producer, AtomicReference<Throwable> failure, AtomicBoolean lost, long from) {
            this.producer = producer;
            this.failure = failure;
            this.lost = lost;
            this.lastSent = from;
        }

        @Override
        public void onEvent(WatchEvent event) {
            if (failure.get() != null || lost.get()) {
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
