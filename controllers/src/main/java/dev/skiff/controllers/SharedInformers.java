package dev.skiff.controllers;

import dev.skiff.api.events.Topics;
import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.controllers.config.ControllersConfig;
import dev.skiff.informer.EventRecorder;
import dev.skiff.informer.EventSource;
import dev.skiff.informer.Informer;
import dev.skiff.informer.KafkaEventSource;
import dev.skiff.informer.KafkaSettings;
import dev.skiff.informer.LeaderElectedRun;
import dev.skiff.informer.WatchEventSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One informer per kind of object, shared by every controller that reads that kind, as client-go's
 * shared informer factory: the first controller to ask for a kind creates it, the manager starts
 * them all at once. Objects come from the api-server's watch, or from Kafka when it is configured.
 */
public final class SharedInformers implements LeaderElectedRun.Caches {

    private final ControllersConfig config;
    private final KubernetesClient client;
    private final ResourceRegistry registry = ResourceRegistry.builtIn();
    private final Map<Class<?>, Informer<?>> informers = new LinkedHashMap<>();
    private final List<EventRecorder> recorders = new ArrayList<>();
    private boolean started;

    /** Informers as the config says; without Kafka they watch the api-server through the client. */
    public SharedInformers(ControllersConfig config, KubernetesClient client) {
        this.config = config;
        this.client = client;
    }

    /** The informer of this kind of object (a fabric8 model class of a built-in resource). */
    @SuppressWarnings("unchecked")
    public synchronized <T extends HasMetadata> Informer<T> informer(Class<T> objectClass) {
        Informer<T> informer = (Informer<T>) informers.get(objectClass);
        if (informer == null) {
            if (started) {
                throw new IllegalStateException("informers are started: ask for " + objectClass.getSimpleName() + " in register()");
            }
            informer = new Informer<>(source(type(objectClass), objectClass), config.resyncPeriod());
            informers.put(objectClass, informer);
        }
        return informer;
    }

    /** The registry's description of a built-in resource by its model class. */
    public ResourceType type(Class<? extends HasMetadata> objectClass) {
        return registry.all().stream().filter(type -> type.type().equals(objectClass)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(objectClass.getName() + " is not a built-in resource"));
    }

    synchronized EventRecorder recorder(KubernetesClient client, String component) {
        EventRecorder recorder = new EventRecorder(client, component, null);
        recorders.add(recorder);
        return recorder;
    }

    synchronized void start() {
        started = true;
        informers.values().forEach(Informer::start);
    }

    /** Waits for every informer's first full state; false if one had not delivered it in time. */
    @Override
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Informer<?> informer : snapshot()) {
            if (!informer.awaitSynced(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /** The kinds whose informers have not delivered their first full state yet. */
    @Override
    public String unsynced() {
        List<String> kinds = new ArrayList<>();
        synchronized (this) {
            informers.forEach((kind, informer) -> {
                if (!informer.hasSynced()) {
                    kinds.add(kind.getSimpleName());
                }
            });
        }
        return kinds.toString();
    }

    void stop() {
        snapshot().forEach(Informer::stop);
        List<EventRecorder> toClose;
        synchronized (this) {
            toClose = List.copyOf(recorders);
        }
        toClose.forEach(EventRecorder::close);
    }

    private synchronized List<Informer<?>> snapshot() {
        return List.copyOf(informers.values());
    }

    private <T extends HasMetadata> EventSource<T> source(ResourceType type, Class<T> objectClass) {
        ControllersConfig.KafkaConfig kafka = config.kafka();
        if (kafka.bootstrapServers().isPresent()) {
            KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers().get(), new Topics(kafka.topicPrefix()), kafka.client());
            return KafkaEventSource.forResource(settings, kafka.groupId(), type, objectClass);
        }
        return new WatchEventSource<>(client, type, objectClass);
    }
}
