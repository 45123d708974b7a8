package dev.skiff.kubelet.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineInfoTest {

    @Test
    void busyTimeCountsUserNiceSystemIrqSoftirqAndStealButNotIdleIowaitOrGuest() {
        // cpu user nice system idle iowait irq softirq steal guest guest_nice
        assertThat(MachineInfo.busyJiffies("cpu  100 20 30 9000 500 4 6 1 70 2")).isEqualTo(100 + 20 + 30 + 4 + 6 + 1);
        // a kernel before steal time: only seven fields
        assertThat(MachineInfo.busyJiffies("cpu 100 20 30 9000 500 4 6")).isEqualTo(160);
    }

    @Test
    void thisMachinesCpuTimeAndWorkingSetAreRead() {
        assertThat(MachineInfo.cpuTimeNanos()).hasValueSatisfying(nanos -> assertThat(nanos).isPositive());
        assertThat(MachineInfo.memoryWorkingSetBytes())
                .hasValueSatisfying(bytes -> assertThat(bytes).isPositive().isLessThanOrEqualTo(MachineInfo.memoryBytes()));
    }
}
