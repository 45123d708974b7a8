package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.runtime.Container;
import dev.skiff.runtime.Container.ContainerState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InspectionCacheTest {

    private static Container container(String id, ContainerState state) {
        return new Container(id, "sandbox", "main", 0, "busybox", "sha256:1", state, Instant.EPOCH, null, null, 0, "", "",
                Map.of());
    }

    @Test
    void anInspectionIsReusedOnlyWhileTheListedStateIsTheOneItSaw() {
        InspectionCache cache = new InspectionCache(10);
        Container running = container("a", ContainerState.RUNNING);
        cache.put("a", "running", running);

        assertThat(cache.get("a", "running")).contains(running);
        assertThat(cache.get("a", "exited")).isEmpty();
        assertThat(cache.get("b", "running")).isEmpty();

        Container exited = container("a", ContainerState.EXITED);
        cache.put("a", "exited", exited);
        assertThat(cache.get("a", "exited")).contains(exited);
        assertThat(cache.get("a", "running")).isEmpty();

        cache.remove("a");
        assertThat(cache.get("a", "exited")).isEmpty();
    }

    @Test
    void statesWhoseInspectionCanStillChangeAreNotKept() {
        InspectionCache cache = new InspectionCache(10);
        cache.put("a", "running", container("a", ContainerState.RUNNING));
        for (String status : new String[] {"created", "paused", "restarting", "removing", null}) {
            cache.put("a", status, container("a", ContainerState.CREATED));
            assertThat(cache.get("a", status == null ? "" : status)).as(String.valueOf(status)).isEmpty();
            assertThat(cache.get("a", "running")).as("the earlier inspection is forgotten too").isEmpty();
        }
    }

    @Test
    void theLeastRecentlyUsedInspectionGoesFirst() {
        InspectionCache cache = new InspectionCache(2);
        cache.put("a", "running", container("a", ContainerState.RUNNING));
        cache.put("b", "running", container("b", ContainerState.RUNNING));
        assertThat(cache.get("a", "running")).isPresent();
        cache.put("c", "exited", container("c", ContainerState.EXITED));

        assertThat(cache.get("b", "running")).as("evicted").isEmpty();
        assertThat(cache.get("a", "running")).isPresent();
        assertThat(cache.get("c", "exited")).isPresent();
    }
}
