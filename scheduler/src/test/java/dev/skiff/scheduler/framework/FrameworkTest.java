package dev.skiff.scheduler.framework;

import dev.skiff.scheduler.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.skiff.scheduler.testing.Fixtures.node;
import static dev.skiff.scheduler.testing.Fixtures.podInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameworkTest {

    private final List<String> calls = new ArrayList<>();
    private final NodeInfo a = new NodeInfo(node("a"));
    private final NodeInfo b = new NodeInfo(node("b"));
    private final PodInfo pod = podInfo("p");

    /** Filters nodes out by name; skips at PreFilter if told to. */
    private final class NameFilter implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
        final String name;
        final String rejects;
        final boolean skip;

        NameFilter(String name, String rejects, boolean skip) {
            this.name = name;
            this.rejects = rejects;
            this.skip = skip;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Status preFilter(CycleState state, PodInfo pod) {
            calls.add(name + ".preFilter");
            return skip ? Status.skip() : Status.success();
        }

        @Override
        public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
            calls.add(name + ".filter " + node.name());
            return node.name().equals(rejects) ? Status.unschedulable("no " + rejects) : Status.success();
        }

        @Override
        public Set<ClusterEvent> eventsToRegister() {
            return Set.of(ClusterEvent.node(ClusterEvent.ADD));
        }
    }

    /** Scores nodes by a fixed table. */
    private record TableScore(String name, Map<String, Long> table, boolean normalize) implements NormalizeScorePlugin {
        @Override
        public long score(CycleState state, PodInfo pod, NodeInfo node) {
            return table.get(node.name());
        }

        @Override
        public void normalizeScore(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
            if (normalize) {
                NormalizeScorePlugin.defaultNormalize(scores, false);
            }
        }
    }

    private final class Recorder implements ReservePlugin, BindPlugin {
        final String name;
        final boolean failReserve;
        final Status bindStatus;

        Recorder(String name, boolean failReserve, Status bindStatus) {
            this.name = name;
            this.failReserve = failReserve;
            this.bindStatus = bindStatus;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Status reserve(CycleState state, PodInfo pod, String nodeName) {
            calls.add(name + ".reserve");
            return failReserve ? Status.error("full") : Status.success();
        }

        @Override
        public void unreserve(CycleState state, PodInfo pod, String nodeName) {
            calls.add(name + ".unreserve");
        }

        @Override
        public Status bind(CycleState state, PodInfo pod, String nodeName) {
            calls.add(name + ".bind " + nodeName);
            return bindStatus;
        }
    }

    @Test
    void filtersRunInOrderUntilOneRejectsAndSkippedOnesDoNotRun() {
        Framework framework = new Framework(List.of(new NameFilter("skipper", "a", true), new NameFilter("first", "b", false),
                new NameFilter("second", "a", false), new Recorder("bind", false, Status.success())), Map.of());
        CycleState state = Fixtures.state(a, b);

        assertThat(framework.runPreFilter(state, pod).isSuccess()).isTrue();
        assertThat(state.skipFilterPlugins()).containsExactly("skipper");
        Status onA = framework.runFilter(state, pod, a);
        Status onB = framework.runFilter(state, pod, b);

        assertThat(onA.plugin()).isEqualTo("second");
        assertThat(onA.reasons()).containsExactly("no a");
        assertThat(onB.plugin()).isEqualTo("first");
        assertThat(calls).containsExactly("skipper.preFilter", "first.preFilter", "second.preFilter",
                "first.filter a", "second.filter a", "first.filter b");
        assertThat(framework.eventsToRegister()).containsOnlyKeys("skipper", "first", "second");
    }

    @Test
    void scoresAreNormalizedWeighedAndAddedUp() {
        Framework framework = new Framework(List.of(
                new TableScore("raw", Map.of("a", 10L, "b", 30L), false),
                new TableScore("scaled", Map.of("a", 2L, "b", 1L), true),
                new Recorder("bind", false, Status.success())), Map.of("raw", 2, "scaled", 3));
        CycleState state = Fixtures.state(a, b);

        long[] totals = framework.runScore(state, pod, List.of(a, b), Parallelizer.sequential());

        assertThat(totals).containsExactly(2 * 10 + 3 * 100, 2 * 30 + 3 * 50);
        state.skipScorePlugins().add("scaled");
        assertThat(framework.runScore(state, pod, List.of(a, b), Parallelizer.sequential())).containsExactly(20, 60);
    }

    @Test
    void aScoreOutsideZeroToHundredIsAnError() {
        Framework framework = new Framework(List.of(new TableScore("wild", Map.of("a", 101L), false),
                new Recorder("bind", false, Status.success())), Map.of());

        assertThatThrownBy(() -> framework.runScore(Fixtures.state(a), pod, List.of(a), Parallelizer.sequential()))
                .hasMessageContaining("plugin wild scored node a 101");
    }

    @Test
    void aFailingReserveUnreservesEveryPluginInReverseOrder() {
        Framework framework = new Framework(List.of(new Recorder("one", false, Status.success()),
                new Recorder("two", true, Status.success())), Map.of());

        Status status = framework.runReserve(Fixtures.state(a), pod, "a");

        assertThat(status.isError()).isTrue();
        assertThat(status.plugin()).isEqualTo("two");
        assertThat(calls).containsExactly("one.reserve", "two.reserve", "two.unreserve", "one.unreserve");
    }

    @Test
    void theFirstBindPluginThatDoesNotSkipDecides() {
        Framework framework = new Framework(List.of(new Recorder("passes", false, Status.skip()),
                new Recorder("binds", false, Status.error("refused")), new Recorder("never", false, Status.success())), Map.of());

        Status status = framework.runBind(Fixtures.state(a), pod, "a");

        assertThat(status.message()).isEqualTo("refused");
        assertThat(status.plugin()).isEqualTo("binds");
        assertThat(calls).containsExactly("passes.bind a", "binds.bind a");
    }

    @Test
    void postFilterPluginsRunUntilOneNominatesANode() {
        PostFilterPlugin helpless = new PostFilterPlugin() {
            @Override
            public String name() {
                return "helpless";
            }

            @Override
            public Result postFilter(CycleState state, PodInfo pod, Map<String, Status> rejections) {
                return new Result(null, Status.unschedulable("preemption: " + rejections.size() + " nodes cannot help"));
            }
        };
        Framework none = new Framework(List.of(new Recorder("bind", false, Status.success())), Map.of());
        Framework one = new Framework(List.of(helpless, new Recorder("bind", false, Status.success())), Map.of());
        Map<String, Status> rejections = Map.of("a", Status.unschedulable("Insufficient cpu"));

        assertThat(none.runPostFilter(Fixtures.state(a), pod, rejections).status().message()).isEmpty();
        PostFilterPlugin.Result result = one.runPostFilter(Fixtures.state(a), pod, rejections);
        assertThat(result.nominatedNode()).isNull();
        assertThat(result.status().message()).isEqualTo("preemption: 1 nodes cannot help");
        assertThat(result.status().plugin()).isEqualTo("helpless");
    }

    @Test
    void aProfileNeedsABindPluginAndUniqueNames() {
        assertThatThrownBy(() -> new Framework(List.of(new NameFilter("f", "x", false)), Map.of()))
                .hasMessageContaining("no bind plugin");
        assertThatThrownBy(() -> new Framework(List.of(new NameFilter("f", "x", false), new NameFilter("f", "y", false),
                new Recorder("bind", false, Status.success())), Map.of()))
                .hasMessageContaining("two plugins are named f");
    }
}
