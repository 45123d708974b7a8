package dev.skiff.scheduler.framework;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DiagnosisTest {

    @Test
    void countsEachReasonOverTheNodesSortedAsKubernetesDoes() {
        Diagnosis diagnosis = Diagnosis.filtered(3, Map.of(
                "a", Status.unschedulable("Insufficient cpu").withPlugin("NodeResourcesFit"),
                "b", Status.unschedulable("Insufficient cpu", "Insufficient memory").withPlugin("NodeResourcesFit"),
                "c", Status.unresolvable("node(s) had untolerated taint {dedicated: gpu}").withPlugin("TaintToleration")));

        assertThat(diagnosis.message()).isEqualTo(
                "0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.");
        assertThat(diagnosis.unschedulablePlugins()).containsExactlyInAnyOrder("NodeResourcesFit", "TaintToleration");
    }

    @Test
    void aPreFilterRejectionAndAPostFilterMessageAreTold() {
        Diagnosis diagnosis = Diagnosis.preFiltered(5, Status.unresolvable("pod has unbound immediate PersistentVolumeClaims").withPlugin("X"))
                .withPostFilterMessage("preemption: not eligible");

        assertThat(diagnosis.message()).isEqualTo(
                "0/5 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: not eligible.");
        assertThat(diagnosis.unschedulablePlugins()).containsExactly("X");
    }

    @Test
    void aClusterWithoutNodesSaysSo() {
        assertThat(Diagnosis.filtered(0, Map.of()).message()).isEqualTo("no nodes available to schedule pods");
    }
}
