package dev.skiff.informer;

import dev.skiff.informer.testing.ApiServerProcess;
import java.util.Map;

/**
 * One api-server (no Kafka) for the test classes that need one, started on first use and killed
 * when the test JVM exits. Its store compacts every second and its watch cache keeps 5 events per
 * resource, so a test can make a watch's resourceVersion expire within seconds.
 */
final class SharedApiServer {

    private static ApiServerProcess server;

    private SharedApiServer() {
    }

    static synchronized String url() throws Exception {
        if (server == null) {
            server = ApiServerProcess.start(Map.of(
                    "SKIFF_STORE_COMPACTION_INTERVAL", "1s",
                    "SKIFF_API_WATCH_CACHE_WINDOW", "5"));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-api-server-stop"));
        }
        return server.url();
    }
}
