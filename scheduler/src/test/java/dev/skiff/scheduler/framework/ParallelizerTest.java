package dev.skiff.scheduler.framework;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelizerTest {

    @Test
    void coversEveryIndexExactlyOnce() {
        try (Parallelizer parallelizer = new Parallelizer(4, 10)) {
            AtomicInteger[] seen = new AtomicInteger[10_000];
            for (int i = 0; i < seen.length; i++) {
                seen[i] = new AtomicInteger();
            }
            parallelizer.until(seen.length, i -> seen[i].incrementAndGet() > 0);

            assertThat(seen).allMatch(count -> count.get() == 1);
        }
    }

    @Test
    void stopsSoonAfterTheBodySaysSo() {
        try (Parallelizer parallelizer = new Parallelizer(2, 10)) {
            AtomicInteger calls = new AtomicInteger();
            parallelizer.until(100_000, i -> calls.incrementAndGet() < 50);

            assertThat(calls.get()).as("the other thread stops after its call in progress").isBetween(50, 51);
        }
    }

    @Test
    void shortLoopsStayOnTheCallingThreadAndFailuresReachTheCaller() {
        try (Parallelizer parallelizer = new Parallelizer(4, 1000)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            parallelizer.until(999, i -> threads.add(Thread.currentThread().getName()) || true);
            assertThat(threads).containsExactly(Thread.currentThread().getName());

            assertThatThrownBy(() -> parallelizer.until(5000, i -> {
                if (i == 4321) {
                    throw new IllegalStateException("boom");
                }
                return true;
            })).hasMessage("boom");
        }
    }
}
