package dev.skiff.informer;

import dev.skiff.api.resource.ResourceRegistry;
import dev.skiff.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.skiff.informer.Pods.newPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The watch source against a real api-server, process of its own. */
@Timeout(120)
class WatchEventSourceTest {

    private static final ResourceType CONFIG_MAPS = ResourceRegistry.builtIn().findByKind("", "ConfigMap").orElseThrow();
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private static String url;
    private static KubernetesClient client;
    private final List<EventSource<?>> sources = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void startApiServer() throws Exception {
        url = SharedApiServer.url();
        client = ApiClient.connect(url, "skiff-test");
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @AfterEach
    void stopSources() throws Exception {
        sources.forEach(EventSource::stop);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Test
    void listsInPagesThenWatchesFromTheListsResourceVersion() {
        String ns = newNamespace();
        for (int i = 1; i <= 5; i++) {
            create(configMap(ns, "c" + i, "v"));
        }
        RecordingListener<ConfigMap> listener = new RecordingListener<>(ns);
        start(new WatchEventSource<>(client, CONFIG_MAPS, ConfigMap.class, null, 2), listener);

        await().atMost(DEADLINE).until(() -> listener.resets() == 1);
        assertThat(listener.calls()).containsExactly("reset [" + ns + "/c1, " + ns + "/c2, " + ns + "/c3, " + ns + "/c4, " + ns + "/c5]");

        create(configMap(ns, "c6", "v"));
        client.configMaps().inNamespace(ns).withName("c1").edit(cm -> new ConfigMapBuilder(cm).addToData("k", "changed").build());
        client.configMaps().inNamespace(ns).withName("c2").delete();

        await().atMost(DEADLINE).until(() -> listener.calls().size() == 4);
        assertThat(listener.calls()).endsWith("ADDED " + ns + "/c6", "MODIFIED " + ns + "/c1", "DELETED " + ns + "/c2");
    }

    @Test
    void watchesAgainFromTheLastResourceVersionSeenWhenTheStreamEnds() throws Exception {
        String ns = newNamespace();
        TcpProxy proxy = proxy();
        RecordingListener<ConfigMap> listener = new RecordingListener<>(ns);
        start(new WatchEventSource<>(clientOf(proxy), CONFIG_MAPS, ConfigMap.class), listener);
        await().atMost(DEADLINE).until(() -> listener.resets() == 1);
        create(configMap(ns, "x1", "v"));
        await().atMost(DEADLINE).until(() -> listener.calls().contains("ADDED " + ns + "/x1"));

        proxy.cut();
        create(configMap(ns, "x2", "v"));
        create(configMap(ns, "x3", "v"));

        await().atMost(DEADLINE).until(() -> listener.calls().size() == 4);
        // nothing twice (a watch from the list's version would repeat x1), and no list again
        assertThat(listener.calls()).containsExactly("reset []", "ADDED " + ns + "/x1", "ADDED " + ns + "/x2", "ADDED " + ns + "/x3");
    }

    @Test
    void listsAgainWhenItsResourceVersionHasExpired() throws Exception {
        String ns = newNamespace();
        TcpProxy proxy = proxy();
        RecordingListener<ConfigMap> listener = new RecordingListener<>(ns);
        start(new WatchEventSource<>(clientOf(proxy), CONFIG_MAPS, ConfigMap.class), listener);
        await().atMost(DEADLINE).until(() -> listener.resets() == 1);
        create(configMap(ns, "gone", "v"));
        await().atMost(DEADLINE).until(() -> listener.calls().contains("ADDED " + ns + "/gone"));
        String lastSeen = listener.resourceVersion();

        proxy.hold();
        proxy.cut();
        client.configMaps().inNamespace(ns).withName("gone").delete();
        for (int i = 0; i < 8; i++) {
            create(configMap(ns, "new" + i, "v"));
        }
        // more changes than the watch cache keeps, and the store compacted past the source's version
        await().atMost(DEADLINE).until(() -> watchAnswersExpired(lastSeen));
        proxy.release();

        await().atMost(DEADLINE).until(() -> listener.resets() == 2);
        assertThat(listener.lastReset()).extracting(cm -> cm.getMetadata().getName())
                .containsExactlyInAnyOrder("new0", "new1", "new2", "new3", "new4", "new5", "new6", "new7");
        create(configMap(ns, "after", "v"));
        await().atMost(DEADLINE).until(() -> listener.calls().contains("ADDED " + ns + "/after"));
    }

    @Test
    void forNodePodsSeesOnlyThePodsBoundToThatNode() {
        String ns = newNamespace();
        client.pods().inNamespace(ns).resource(newPod(ns, "mine-before", "node-a")).create();
        client.pods().inNamespace(ns).resource(newPod(ns, "theirs-before", "node-b")).create();
        client.pods().inNamespace(ns).resource(newPod(ns, "pending", null)).create();
        RecordingListener<Pod> listener = new RecordingListener<>(ns);
        start(WatchEventSource.forNodePods(client, "node-a"), listener);
        await().atMost(DEADLINE).until(() -> listener.resets() == 1);

        client.pods().inNamespace(ns).resource(newPod(ns, "theirs-after", "node-b")).create();
        client.pods().inNamespace(ns).resource(newPod(ns, "mine-after", "node-a")).create();

        await().atMost(DEADLINE).until(() -> listener.calls().size() == 2);
        assertThat(listener.calls()).containsExactly("reset [" + ns + "/mine-before]", "ADDED " + ns + "/mine-after");
    }

    @Test
    void multiByteCharactersSurviveListAndWatch() {
        String ns = newNamespace();
        String text = "héllo wörld ✓ 日本 ".repeat(5_000);
        create(configMap(ns, "listed", text));
        RecordingListener<ConfigMap> listener = new RecordingListener<>(ns);
        start(new WatchEventSource<>(client, CONFIG_MAPS, ConfigMap.class), listener);
        await().atMost(DEADLINE).until(() -> listener.resets() == 1);

        create(configMap(ns, "watched", text));
        await().atMost(DEADLINE).until(() -> listener.calls().size() == 2);

        assertThat(listener.lastReset().get(0).getData()).containsEntry("k", text);
        assertThat(listener.eventObjects().get(0).getData()).containsEntry("k", text);
    }

    @Test
    void feedsAnInformerAndItsWorkQueue() throws Exception {
        String ns = newNamespace();
        create(configMap(ns, "before", "v"));
        Informer<ConfigMap> informer = new Informer<>(new WatchEventSource<>(client, CONFIG_MAPS, ConfigMap.class));
        WorkQueue<String> queue = new WorkQueue<>();
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap object) {
                queue.add(Indexer.keyOf(object));
            }

            @Override
            public void onUpdate(ConfigMap oldObject, ConfigMap newObject) {
                queue.add(Indexer.keyOf(newObject));
            }
        });
        informer.start();
        closeables.add(informer::stop);
        closeables.add(queue::shutDown);

        assertThat(informer.awaitSynced(DEADLINE)).isTrue();
        assertThat(informer.indexer().byIndex(Indexes.NAMESPACE, ns)).extracting(cm -> cm.getMetadata().getName())
                .containsExactly("before");
        create(configMap(ns, "after", "v"));

        List<String> keys = new ArrayList<>();
        while (!keys.contains(ns + "/after")) {
            String key = queue.get().orElseThrow();
            keys.add(key);
            queue.done(key);
        }
        assertThat(keys).contains(ns + "/before");
        assertThat(informer.indexer().get(ns + "/after")).isPresent();
    }

    @Test
    void refusesAClassThatIsNotTheResourcesOwn() {
        assertThatThrownBy(() -> new WatchEventSource<>(client, CONFIG_MAPS, Pod.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private <T extends HasMetadata> void start(EventSource<T> source, EventSource.Listener<T> listener) {
        sources.add(source);
        source.start(listener);
    }

    private TcpProxy proxy() throws Exception {
        TcpProxy proxy = TcpProxy.to(url);
        closeables.add(proxy);
        return proxy;
    }

    /** Whether a watch from the resourceVersion now gets 410 Expired. */
    /** A client of the api-server through the proxy, closed after the test. */
    private KubernetesClient clientOf(TcpProxy proxy) {
        KubernetesClient proxied = ApiClient.connect(proxy.url(), "skiff-test");
        closeables.add(proxied);
        return proxied;
    }

    private static boolean watchAnswersExpired(String resourceVersion) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/configmaps?watch=true&timeoutSeconds=1&resourceVersion="
                + resourceVersion)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 410 || response.body().contains("\"code\":410");
    }

    private static String newNamespace() {
        String name = "watch-" + NAMESPACES.incrementAndGet();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    private static void create(ConfigMap configMap) {
        client.configMaps().inNamespace(configMap.getMetadata().getNamespace()).resource(configMap).create();
    }

    private static ConfigMap configMap(String namespace, String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .addToData("k", value).build();
    }
}
