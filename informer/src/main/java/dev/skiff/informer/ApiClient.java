package dev.skiff.informer;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

/**
 * fabric8's kubernetes-client pointed at a Skiff api-server: how the components write (create,
 * update, patch, delete, bind, status) and how a {@link WatchEventSource} lists and watches.
 * Closing it is the caller's job.
 */
public final class ApiClient {

    private ApiClient() {
    }

    /**
     * A client of the api-server at the URL (e.g. {@code http://127.0.0.1:6443}): plain HTTP, no
     * credentials, over the JDK's HTTP client. It starts from an empty configuration, so nothing
     * from a kubeconfig, the environment or a service account (another cluster's token, say) is
     * sent along. Watches are plain HTTP streams, as kubectl's; the api-server serves no WebSocket
     * watches, and fabric8 would otherwise try one first on every watch. HTTP/1.1 only: the JDK
     * client would otherwise upgrade to HTTP/2 and carry every request on one connection, which the
     * scheduler measured at about four times the client CPU per request on a 2-core machine.
     * COMPONENT (e.g. {@code skiff-scheduler}) is the User-Agent, so the api-server records the
     * component's writes in {@code managedFields} under that name, as Kubernetes' components do.
     */
    public static KubernetesClient connect(String apiServerUrl, String component) {
        return connect(apiServerUrl, component, new JdkHttpClientFactory());
    }

    /**
     * As {@link #connect(String, String)}, over the HTTP client the factory makes (the kubelet's: Vert.x
     * on the Vertx instance it already runs, for fewer classes and threads than the JDK's client).
     */
    public static KubernetesClient connect(String apiServerUrl, String component, HttpClient.Factory httpClients) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(apiServerUrl)
                .withUserAgent(component)
                .withOnlyHttpWatches(true)
                .withHttp2Disable(true)
                .withTrustCerts(isPlainHttp(apiServerUrl))
                .build();
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(httpClients)
                .build();
    }

    /**
     * Whether the URL is plain HTTP, with no certificate to check: fabric8 then need not read the JDK's
     * trust store (a few MiB of certificates and classes) for a TLS context it never uses.
     */
    private static boolean isPlainHttp(String url) {
        return url.regionMatches(true, 0, "http://", 0, "http://".length());
    }
}
