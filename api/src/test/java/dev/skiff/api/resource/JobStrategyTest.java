package dev.skiff.api.resource;

import dev.skiff.api.json.Json;
import dev.skiff.api.validation.FieldError;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A job as the api-server takes it in: uid set, then prepared for create, defaulted and validated. */
class JobStrategyTest {

    private static final String UID = "0b6f3a52-8e41-4f0c-bc3e-5a9a8f1d2e77";
    private static final JobStrategy STRATEGY = new JobStrategy();

    private static Job created(String spec) {
        Job job;
        try {
            job = Json.YAML.readValue("metadata: {name: pi, namespace: default}\nspec: " + spec, Job.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        job.getMetadata().setUid(UID);
        STRATEGY.prepareForCreate(job);
        STRATEGY.applyDefaults(job);
        return job;
    }

    private static List<String> errors(Job job) {
        return STRATEGY.validateCreate(job).stream().map(FieldError::toString).toList();
    }

    private static final String NEVER = "{template: {spec: {restartPolicy: Never, containers: [{name: pi, image: perl}]}}}";

    @Test
    void aNewJobGetsASelectorOfItsUidAndKubernetesDefaults() {
        Job job = created(NEVER);

        assertThat(errors(job)).isEmpty();
        assertThat(job.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("batch.kubernetes.io/controller-uid", UID));
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(Map.of(
                "batch.kubernetes.io/controller-uid", UID, "controller-uid", UID,
                "batch.kubernetes.io/job-name", "pi", "job-name", "pi"));
        assertThat(job.getMetadata().getLabels()).as("a job without labels takes its template's")
                .isEqualTo(job.getSpec().getTemplate().getMetadata().getLabels());
        assertThat(job.getSpec().getParallelism()).isEqualTo(1);
        assertThat(job.getSpec().getCompletions()).isEqualTo(1);
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(6);
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("NonIndexed");
        assertThat(job.getSpec().getSuspend()).isFalse();
        assertThat(job.getSpec().getPodReplacementPolicy()).isEqualTo("TerminatingOrFailed");
        assertThat(job.getSpec().getManualSelector()).isNull();
    }

    @Test
    void aWorkQueueJobKeepsItsCompletionsUnset() {
        Job job = created("{parallelism: 3, template: {spec: {restartPolicy: OnFailure, containers: [{name: w, image: worker}]}}}");

        assertThat(errors(job)).isEmpty();
        assertThat(job.getSpec().getParallelism()).isEqualTo(3);
        assertThat(job.getSpec().getCompletions()).isNull();
    }

    @Test
    void aManualSelectorIsTheUsersAndMustSelectTheTemplate() {
        Job job = created("{manualSelector: true, selector: {matchLabels: {app: batch}},"
                + " template: {metadata: {labels: {app: batch}}, spec: {restartPolicy: Never, containers: [{name: pi, image: perl}]}}}");
        assertThat(errors(job)).isEmpty();
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(Map.of("app", "batch"));

        Job mismatched = created("{manualSelector: true, selector: {matchLabels: {app: other}},"
                + " template: {metadata: {labels: {app: batch}}, spec: {restartPolicy: Never, containers: [{name: pi, image: perl}]}}}");
        assertThat(errors(mismatched)).containsExactly(
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"batch\"}: `selector` does not match template `labels`");
    }

    @Test
    void whatKubernetesOrSkiffCannotRunIsRefusedNamingTheField() {
        assertThat(errors(created("{template: {spec: {containers: [{name: pi, image: perl}]}}}"))).containsExactly(
                "spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"");
        assertThat(errors(created("{completionMode: Ordered, template: {spec: {restartPolicy: Never,"
                + " containers: [{name: pi, image: perl}]}}}"))).containsExactly(
                "spec.completionMode: Unsupported value: \"Ordered\": supported values: \"NonIndexed\", \"Indexed\"");
        assertThat(errors(created("{backoffLimit: -1, template: {spec: {restartPolicy: Never,"
                + " containers: [{name: pi, image: perl}]}}}"))).containsExactly(
                "spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0");
        Job foreign = created(NEVER);
        foreign.getSpec().getSelector().getMatchLabels().put("batch.kubernetes.io/controller-uid", "someone-else");
        assertThat(errors(foreign)).contains(
                "spec.selector: Invalid value: {\"matchLabels\":{\"batch.kubernetes.io/controller-uid\":\"someone-else\"}}: "
                        + "`selector` not auto-generated");
    }

    @Test
    void anIndexedJobNeedsCompletionsWithinBoundsAndANameThatLeavesRoomForItsIndexes() {
        String template = " template: {spec: {restartPolicy: Never, containers: [{name: pi, image: perl}]}}}";
        assertThat(errors(created("{completions: 3, parallelism: 2, completionMode: Indexed," + template))).isEmpty();
        assertThat(errors(created("{parallelism: 2, completionMode: Indexed," + template))).containsExactly(
                "spec.completions: Required value: when completion mode is Indexed");
        assertThat(errors(created("{completions: 100001, parallelism: 100001, completionMode: Indexed," + template))).containsExactly(
                "spec.completions: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed",
                "spec.parallelism: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed");
        Job longName = created("{completions: 100, completionMode: Indexed," + template);
        longName.getMetadata().setName("j".repeat(61));
        assertThat(errors(longName)).containsExactly("metadata.name: Invalid value: \"" + "j".repeat(61)
                + "\": will not able to create pod with invalid DNS label: " + "j".repeat(61) + "-99");
    }

    @Test
    void aPodFailurePolicyIsDefaultedAndCheckedAsKubernetesDoes() {
        Job job = created("{podFailurePolicy: {rules: [{action: FailJob, onExitCodes: {containerName: pi, operator: In, values: [1, 42]}},"
                + " {action: Ignore, onPodConditions: [{type: DisruptionTarget}]}]}, template: {spec: {restartPolicy: Never,"
                + " containers: [{name: pi, image: perl}]}}}");
        assertThat(errors(job)).isEmpty();
        assertThat(job.getSpec().getPodReplacementPolicy()).as("pods are replaced once failed only").isEqualTo("Failed");
        assertThat(job.getSpec().getPodFailurePolicy().getRules().get(1).getOnPodConditions().get(0).getStatus()).isEqualTo("True");

        assertThat(errors(created("{podReplacementPolicy: TerminatingOrFailed, podFailurePolicy: {rules: ["
                + "{action: Restart, onExitCodes: {containerName: other, operator: Is, values: [3, 0, 0]}},"
                + " {action: FailJob}, {action: Count, onExitCodes: {operator: In, values: [0]}, onPodConditions: [{type: 'a b', status: Maybe}]},"
                + " {action: FailIndex, onExitCodes: {operator: NotIn, values: []}}]},"
                + " template: {spec: {restartPolicy: OnFailure, containers: [{name: pi, image: perl}]}}}"))).containsExactly(
                "spec.template.spec.restartPolicy: Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified",
                "spec.podReplacementPolicy: Unsupported value: \"TerminatingOrFailed\": supported values: \"Failed\"",
                "spec.podFailurePolicy.rules[0].action: Unsupported value: \"Restart\": supported values: \"FailJob\", \"FailIndex\", \"Ignore\", \"Count\"",
                "spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: \"other\": must be one of the container or initContainer names in the pod template",
                "spec.podFailurePolicy.rules[0].onExitCodes.operator: Unsupported value: \"Is\": supported values: \"In\", \"NotIn\"",
                "spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 0: must be ordered",
                "spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 0",
                "spec.podFailurePolicy.rules[1]: Invalid value: {\"action\":\"FailJob\"}: specifying one of OnExitCodes and OnPodConditions is required",
                "spec.podFailurePolicy.rules[2]: Invalid value: {\"action\":\"Count\",\"onExitCodes\":{\"operator\":\"In\",\"values\":[0]},"
                        + "\"onPodConditions\":[{\"status\":\"Maybe\",\"type\":\"a b\"}]}: specifying both OnExitCodes and OnPodConditions is not supported",
                "spec.podFailurePolicy.rules[2].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator",
                "spec.podFailurePolicy.rules[2].onPodConditions[0].type: Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', "
                        + "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
                        + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "spec.podFailurePolicy.rules[2].onPodConditions[0].status: Unsupported value: \"Maybe\": supported values: \"True\", \"False\", \"Unknown\"",
                "spec.podFailurePolicy.rules[3].action: Invalid value: \"FailIndex\": requires the backoffLimitPerIndex to be set",
                "spec.podFailurePolicy.rules[3].onExitCodes.values: Required value: at least one value is required");
        String rule = "{action: Count, onExitCodes: {operator: In, values: [1]}}";
        assertThat(errors(created("{podFailurePolicy: {rules: [" + String.join(", ", java.util.Collections.nCopies(21, rule)) + "]},"
                + " template: {spec: {restartPolicy: Never, containers: [{name: pi, image: perl}]}}}"))).containsExactly(
                "spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items");
    }

    @Test
    void aBackoffLimitPerIndexIsForIndexedJobsAndLiftsTheJobsOwnLimit() {
        String template = " template: {spec: {restartPolicy: Never, containers: [{name: pi, image: perl}]}}}";
        Job job = created("{completions: 4, completionMode: Indexed, backoffLimitPerIndex: 2, maxFailedIndexes: 2,"
                + " podFailurePolicy: {rules: [{action: FailIndex, onExitCodes: {operator: In, values: [3]}}]}," + template);
        assertThat(errors(job)).isEmpty();
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(Integer.MAX_VALUE);

        assertThat(errors(created("{completions: 4, backoffLimitPerIndex: -1, maxFailedIndexes: 5," + template))).containsExactly(
                "spec.backoffLimitPerIndex: Invalid value: -1: must be greater than or equal to 0",
                "spec.backoffLimitPerIndex: Forbidden: requires indexed completion mode",
                "spec.maxFailedIndexes: Invalid value: 5: must be less than or equal to completions");
        assertThat(errors(created("{completions: 4, completionMode: Indexed, maxFailedIndexes: 1," + template))).containsExactly(
                "spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified");
    }

    @Test
    void aSuccessPolicyNeedsAnIndexedJobAndRulesWithinItsCompletions() {
        String template = " template: {spec: {restartPolicy: Never, containers: [{name: pi, image: perl}]}}}";
        assertThat(errors(created("{completions: 5, completionMode: Indexed, successPolicy: {rules: [{succeededIndexes: '0,2-4',"
                + " succeededCount: 3}, {succeededCount: 5}]}," + template))).isEmpty();
        assertThat(errors(created("{completions: 5, successPolicy: {rules: []}," + template))).containsExactly(
                "spec.successPolicy: Invalid value: {}: requires indexed completion mode",
                "spec.successPolicy.rules: Required value: at least one rules must be specified when the successPolicy is specified");
        assertThat(errors(created("{completions: 5, completionMode: Indexed, successPolicy: {rules: [{}, {succeededIndexes: '3,1'},"
                + " {succeededIndexes: '1-2,7'}, {succeededIndexes: 'a'}, {succeededCount: 6}, {succeededIndexes: '1-2', succeededCount: 3}]},"
                + template))).containsExactly(
                "spec.successPolicy.rules[0]: Required value: at least one of succeededCount or succeededIndexes must be specified",
                "spec.successPolicy.rules[1].succeededIndexes: Invalid value: \"3,1\": error parsing succeededIndexes: "
                        + "overlapping intervals or non-increasing order at 1",
                "spec.successPolicy.rules[2].succeededIndexes: Invalid value: \"1-2,7\": error parsing succeededIndexes: too large index: 7",
                "spec.successPolicy.rules[3].succeededIndexes: Invalid value: \"a\": error parsing succeededIndexes: "
                        + "cannot convert string to integer for index: \"a\"",
                "spec.successPolicy.rules[4].succeededCount: Invalid value: 6: must be less than or equal to 5 (the number of specified completions)",
                "spec.successPolicy.rules[5].succeededCount: Invalid value: 3: must be less than or equal to 2 "
                        + "(the number of indexes in the specified succeededIndexes field)");
    }

    @Test
    void anIndexedJobScalesItsCompletionsOnlyTogetherWithParallelism() {
        String spec = "{completions: 4, parallelism: 4, completionMode: Indexed, template: {spec: {restartPolicy: Never,"
                + " containers: [{name: pi, image: perl}]}}}";
        Job old = created(spec);
        Job scaled = created(spec);
        scaled.getSpec().setCompletions(2);
        scaled.getSpec().setParallelism(2);
        assertThat(STRATEGY.validateUpdate(scaled, old)).isEmpty();
        scaled.getSpec().setParallelism(1);
        assertThat(STRATEGY.validateUpdate(scaled, old)).extracting(FieldError::toString)
                .containsExactly("spec.completions: Invalid value: 2: can only be modified in tandem with spec.parallelism");
    }

    @Test
    void theTemplateAndCompletionsAreImmutableButParallelismIsNot() {
        Job old = created(NEVER);
        Job scaled = created(NEVER);
        scaled.getSpec().setParallelism(5);
        assertThat(STRATEGY.validateUpdate(scaled, old)).isEmpty();
        assertThat(STRATEGY.specChanged(scaled, old)).isTrue();

        Job changed = created(NEVER);
        changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("perl:2");
        changed.getSpec().setCompletions(2);
        assertThat(STRATEGY.validateUpdate(changed, old)).extracting(FieldError::field)
                .containsExactly("spec.template", "spec.completions");
    }
}
