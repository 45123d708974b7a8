package dev.skiff.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.runtime.ContainerStats;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns the engine's stats of a container ({@code GET /containers/{id}/stats}) into the port's
 * {@link ContainerStats}. The engine answers a container that is not running with Go's zero time
 * as {@code read} and zeros or nothing for the figures: that is no stats.
 */
final class StatsMapper {

    private StatsMapper() {
    }

    static Optional<ContainerStats> stats(JsonNode json) {
        Instant read = StateMapper.time(json.path("read").asText(null));
        JsonNode cpu = json.path("cpu_stats").path("cpu_usage").path("total_usage");
        if (read == null || !cpu.canConvertToLong()) {
            return Optional.empty();
        }
        return Optional.of(new ContainerStats(cpu.asLong(), workingSet(json.path("memory_stats")), read));
    }

    /**
     * Usage minus the inactive file pages, which the kernel may take back at once (cAdvisor's
     * working set): cgroup v1 gives them for the container's hierarchy as {@code total_inactive_file},
     * cgroup v2 as {@code inactive_file}.
     */
    static long workingSet(JsonNode memory) {
        long usage = memory.path("usage").asLong(0);
        JsonNode stats = memory.path("stats");
        JsonNode inactive = stats.has("total_inactive_file") ? stats.get("total_inactive_file") : stats.path("inactive_file");
        return Math.max(0, usage - inactive.asLong(0));
    }
}
