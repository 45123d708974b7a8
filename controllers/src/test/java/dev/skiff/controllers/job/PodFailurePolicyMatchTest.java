package dev.skiff.controllers.job;

import dev.skiff.api.json.Json;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PodFailurePolicyMatchTest {

    private static final JobSpec SPEC = read("""
            podFailurePolicy:
              rules:
              - {action: Unknown, onExitCodes: {operator: In, values: [1]}}
              - {action: FailJob, onExitCodes: {containerName: main, operator: In, values: [42]}}
              - {action: Ignore, onPodConditions: [{type: DisruptionTarget, status: "True"}]}
              - {action: Count, onExitCodes: {operator: NotIn, values: [42]}}
            """, JobSpec.class);

    private static <T> T read(String yaml, Class<T> type) {
        try {
            return Json.YAML.readValue(yaml, type);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Pod pod(String status) {
        return read("metadata: {name: w-1, namespace: batch}\nstatus: " + status, Pod.class);
    }

    private static String exited(String container, int code) {
        return "{name: " + container + ", state: {terminated: {exitCode: " + code + "}}}";
    }

    @Test
    void theFirstRuleWhoseExitCodesOrConditionsMatchDecides() {
        assertThat(PodFailurePolicyMatch.of(SPEC, pod("{phase: Failed, containerStatuses: [" + exited("side", 0) + ", " + exited("main", 42) + "]}")))
                .hasValue(new PodFailurePolicyMatch("FailJob",
                        "Container main for pod batch/w-1 failed with exit code 42 matching FailJob rule at index 1"));
        assertThat(PodFailurePolicyMatch.of(SPEC, pod("{phase: Failed, containerStatuses: [" + exited("side", 42) + "],"
                + " conditions: [{type: DisruptionTarget, status: 'True'}]}")))
                .as("42 of another container than the one named").hasValueSatisfying(match -> {
                    assertThat(match.ignores()).isTrue();
                    assertThat(match.message()).isEqualTo("Pod batch/w-1 has condition DisruptionTarget matching Ignore rule at index 2");
                });
        assertThat(PodFailurePolicyMatch.of(SPEC, pod("{phase: Failed, initContainerStatuses: [" + exited("init", 1) + "]}")))
                .as("the unknown action's rule is skipped; an init container counts").hasValueSatisfying(match ->
                        assertThat(match.action()).isEqualTo("Count"));
    }

    @Test
    void nothingMatchesAPodThatHasNotFailedOrExitedZero() {
        assertThat(PodFailurePolicyMatch.of(SPEC, pod("{phase: Running, containerStatuses: [" + exited("main", 42) + "]}"))).isEmpty();
        assertThat(PodFailurePolicyMatch.of(SPEC, pod("{phase: Failed, containerStatuses: [" + exited("main", 0) + "],"
                + " conditions: [{type: DisruptionTarget, status: 'False'}]}"))).isEmpty();
        assertThat(PodFailurePolicyMatch.of(new JobSpec(), pod("{phase: Failed, containerStatuses: [" + exited("main", 42) + "]}"))).isEmpty();
    }
}
