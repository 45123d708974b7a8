package dev.skiff.systemtests.harness;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** Updates some ConfigMaps over and over, one after the other, on a thread of its own until closed. */
public final class UpdateLoop implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "update-loop"));
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Future<?> loop;

    private UpdateLoop(ConfigMapClient client, List<String> names) {
        this.loop = thread.submit(() -> {
            for (long round = 0; running.get(); round++) {
                for (String name : names) {
                    ConfigMapClient.Response response = client.patch(name, 0, Map.of("round", Long.toString(round)));
                    if (!response.succeeded()) {
                        throw new IllegalStateException("updating " + name + " answered " + response.status() + " " + response.body());
                    }
                }
            }
            return null;
        });
    }

    public static UpdateLoop start(ConfigMapClient client, List<String> names) {
        return new UpdateLoop(client, names);
    }

    /**
     * Stops after the update in progress.
     *
     * @throws AssertionError if an update failed
     */
    @Override
    public void close() {
        running.set(false);
        try {
            loop.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the update loop failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the update loop did not stop within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping the update loop", e);
        } finally {
            thread.shutdownNow();
        }
    }
}
