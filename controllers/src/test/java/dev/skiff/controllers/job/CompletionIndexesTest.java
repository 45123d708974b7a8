package dev.skiff.controllers.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionIndexesTest {

    @Test
    void writesRunsOfTwoOrMoreAsRanges() {
        CompletionIndexes set = CompletionIndexes.parse("", 10);
        for (int index : new int[] {7, 1, 3, 4, 5, 8}) {
            assertThat(set.add(index)).isTrue();
        }
        assertThat(set.add(4)).as("already in").isFalse();
        assertThat(set.add(10)).as("out of range").isFalse();
        assertThat(set.add(-1)).isFalse();
        assertThat(set).hasToString("1,3-5,7-8");
        assertThat(set.size()).isEqualTo(6);
    }

    @Test
    void readsWhatItWritesKeepsOnlyIndexesInRangeAndSkipsWhatDoesNotParse() {
        assertThat(CompletionIndexes.parse("0,2-4,9", 10)).hasToString("0,2-4,9");
        assertThat(CompletionIndexes.parse("1-3,5-12,20", 8)).hasToString("1-3,5-7");
        CompletionIndexes odd = CompletionIndexes.parse("x,2,4-3,-1,6", 10);
        assertThat(odd).hasToString("2,6");
        assertThat(odd.contains(2)).isTrue();
        assertThat(odd.contains(3)).isFalse();
        assertThat(CompletionIndexes.parse(null, 3).size()).isZero();
    }
}
