package dev.skiff.informer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceVersionFilterTest {

    private final ResourceVersionFilter filter = new ResourceVersionFilter();

    @Test
    void takesOnlyNewerRevisionsOfAKey() {
        assertThat(filter.accept("a", 5, false)).isTrue();
        assertThat(filter.accept("a", 5, false)).isFalse();
        assertThat(filter.accept("a", 4, false)).isFalse();
        assertThat(filter.accept("b", 1, false)).as("keys are independent").isTrue();
        assertThat(filter.accept("a", 6, false)).isTrue();
    }

    @Test
    void aDeletedKeyIsNotBroughtBackByAnOlderRecordButIsByANewerOne() {
        filter.accept("a", 2, false);
        assertThat(filter.accept("a", 3, true)).isTrue();

        assertThat(filter.accept("a", 2, false)).isFalse();
        assertThat(filter.accept("a", 3, true)).as("the tombstone after the DELETED event").isFalse();
        assertThat(filter.accept("a", 7, false)).as("re-created").isTrue();
        assertThat(filter.accept("a", 3, true)).isFalse();
    }

    @Test
    void anUnknownRevisionIsAlwaysTaken() {
        filter.accept("a", 9, false);

        assertThat(filter.accept("a", -1, false)).isTrue();
        assertThat(filter.accept("a", -1, true)).isTrue();
    }

    @Test
    void remembersABoundedNumberOfDeletes() {
        filter.accept("first", 1, true);
        for (int i = 0; i < ResourceVersionFilter.REMEMBERED_DELETES; i++) {
            filter.accept("other-" + i, 2, true);
        }

        assertThat(filter.accept("first", 1, false)).as("the oldest delete was forgotten").isTrue();
        assertThat(filter.accept("other-0", 2, false)).isFalse();
    }
}
