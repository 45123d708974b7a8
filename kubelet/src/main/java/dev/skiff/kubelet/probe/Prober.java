package dev.skiff.kubelet.probe;

import dev.skiff.runtime.ContainerRuntime;
import dev.skiff.runtime.ExecResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one probe the three ways Kubernetes defines: exec (exit code 0), httpGet (status 200–399)
 * and tcpSocket (the connection opens), each bounded by the probe's timeoutSeconds. httpGet goes
 * through a Vert.x client on the kubelet's Vertx, as Kubernetes' prober: no keep-alive, redirects
 * not followed, an https endpoint's certificate not verified.
 */
public final class Prober {

    private final ContainerRuntime runtime;
    private final HttpClient http;

    public Prober(ContainerRuntime runtime, Vertx vertx) {
        this.runtime = runtime;
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setConnectTimeout(10_000)
                .setTrustAll(true).setVerifyHost(false));
    }

    public ProbeOutcome run(Probe probe, Container container, String containerId, String podIp) {
        Duration timeout = Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds());
        if (probe.getExec() != null) {
            ExecResult result = runtime.exec(containerId, probe.getExec().getCommand(), timeout);
            if (result.timedOut()) {
                return ProbeOutcome.failed("command timed out after " + timeout.toSeconds() + "s");
            }
            return result.exitCode() == 0 ? ProbeOutcome.ok()
                    : ProbeOutcome.failed("command exited with " + result.exitCode() + ": " + result.output().strip());
        }
        if (probe.getHttpGet() != null) {
            var get = probe.getHttpGet();
            String host = get.getHost() == null || get.getHost().isEmpty() ? podIp : get.getHost();
            String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase(java.util.Locale.ROOT);
            String path = get.getPath() == null || get.getPath().isEmpty() ? "/" : get.getPath();
            URI uri = URI.create(scheme + "://" + host + ":" + port(get.getPort(), container) + (path.startsWith("/") ? path : "/" + path));
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(uri.toString())
                    .setTimeout(timeout.toMillis()).putHeader("User-Agent", "kube-probe/1.32");
            for (HTTPHeader header : get.getHttpHeaders() == null ? java.util.List.<HTTPHeader>of() : get.getHttpHeaders()) {
                request.putHeader(header.getName(), header.getValue());
            }
            try {
                int status = http.request(request)
                        .compose(sent -> sent.send())
                        .compose(response -> response.end().map(done -> response.statusCode()))
                        .toCompletionStage().toCompletableFuture()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return status >= 200 && status < 400 ? ProbeOutcome.ok()
                        : ProbeOutcome.failed("HTTP probe failed with statuscode: " + status);
            } catch (TimeoutException e) {
                return ProbeOutcome.failed("Get \"" + uri + "\": context deadline exceeded");
            } catch (ExecutionException e) {
                return e.getCause() instanceof TimeoutException
                        ? ProbeOutcome.failed("Get \"" + uri + "\": context deadline exceeded")
                        : ProbeOutcome.failed("Get \"" + uri + "\": " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ProbeOutcome.failed("interrupted");
            }
        }
        if (probe.getTcpSocket() != null) {
            String host = probe.getTcpSocket().getHost() == null || probe.getTcpSocket().getHost().isEmpty()
                    ? podIp : probe.getTcpSocket().getHost();
            int port = port(probe.getTcpSocket().getPort(), container);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                return ProbeOutcome.ok();
            } catch (IOException e) {
                return ProbeOutcome.failed("dial tcp " + host + ":" + port + ": " + e.getMessage());
            }
        }
        return ProbeOutcome.failed("the probe has no handler (exec, httpGet or tcpSocket)");
    }

    /** A port given by number or by the name of one of the container's ports. */
    static int port(IntOrString port, Container container) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(p -> p.getContainerPort()).findFirst()
                .orElseGet(() -> Integer.parseInt(port.getStrVal()));
    }
}
