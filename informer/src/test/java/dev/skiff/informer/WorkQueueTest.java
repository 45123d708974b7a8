package dev.skiff.informer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class WorkQueueTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final WorkQueue<String> queue = new WorkQueue<>();

    @AfterEach
    void tearDown() {
        queue.shutDown();
        threads.shutdownNow();
    }

    @Test
    void handsOutKeysInTheOrderTheyCame() throws Exception {
        queue.add("a");
        queue.add("b");
        queue.add("c");

        assertThat(List.of(take(), take(), take())).containsExactly("a", "b", "c");
    }

    @Test
    void aKeyAddedWhileQueuedIsQueuedOnce() throws Exception {
        queue.add("a");
        queue.add("b");
        queue.add("a");

        assertThat(queue.len()).isEqualTo(2);
        assertThat(List.of(take(), take())).containsExactly("a", "b");
        assertThat(queue.len()).isZero();
    }

    @Test
    void aKeyAddedWhileProcessedIsQueuedAgainOnlyAfterDone() throws Exception {
        queue.add("a");
        String key = take();

        queue.add("a");
        queue.add("a");
        assertThat(queue.len()).as("not handed to a second worker while the first holds it").isZero();

        queue.done(key);
        assertThat(queue.len()).isEqualTo(1);
        assertThat(take()).isEqualTo("a");
        queue.done("a");
        assertThat(queue.len()).isZero();
    }

    @Test
    void doneWithoutAnAddMeanwhileDoesNotRequeue() throws Exception {
        queue.add("a");
        queue.done(take());

        assertThat(queue.len()).isZero();
    }

    @Test
    void getBlocksUntilAKeyIsAdded() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Thread> getter = new AtomicReference<>();
        Future<Optional<String>> got = threads.submit(() -> {
            getter.set(Thread.currentThread());
            started.countDown();
            return queue.get();
        });
        started.await();
        await().atMost(Duration.ofSeconds(10)).until(() -> getter.get().getState() == Thread.State.WAITING);
        assertThat(got).isNotDone();

        queue.add("a");

        assertThat(got.get(10, TimeUnit.SECONDS)).contains("a");
    }

    @Test
    void addAfterHandsTheKeyOutOnceTheDelayHasPassed() throws Exception {
        long start = System.nanoTime();
        queue.addAfter("a", Duration.ofMillis(200));
        assertThat(queue.len()).isZero();

        assertThat(take()).isEqualTo("a");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void anEarlierDelayedAddWinsOverALaterOne() throws Exception {
        queue.addAfter("a", Duration.ofHours(1));
        queue.addAfter("a", Duration.ofMillis(20));

        assertThat(take()).isEqualTo("a");
    }

    @Test
    void aLaterDelayedAddDoesNotPostponeAnEarlierOne() throws Exception {
        queue.addAfter("a", Duration.ofMillis(20));
        queue.addAfter("a", Duration.ofHours(1));

        assertThat(take()).isEqualTo("a");
    }

    @Test
    void delayedKeysComeOutInTheOrderTheyAreDue() throws Exception {
        queue.addAfter("late", Duration.ofMillis(300));
        queue.addAfter("early", Duration.ofMillis(100));
        queue.addAfter("now", Duration.ZERO);

        assertThat(List.of(take(), take(), take())).containsExactly("now", "early", "late");
    }

    @Test
    void addRateLimitedBacksOffPerKeyUntilForgotten() throws Exception {
        WorkQueue<String> limited = new WorkQueue<>(Duration.ofMillis(100), Duration.ofSeconds(10));
        try {
            long start = System.nanoTime();
            limited.addRateLimited("a");
            assertThat(limited.get()).contains("a");
            limited.done("a");
            assertThat(elapsedSince(start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));

            start = System.nanoTime();
            limited.addRateLimited("a");
            assertThat(limited.get()).contains("a");
            limited.done("a");
            assertThat(elapsedSince(start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(limited.numRequeues("a")).isEqualTo(2);

            limited.forget("a");
            assertThat(limited.numRequeues("a")).isZero();
            limited.addRateLimited("a");
            assertThat(limited.get()).contains("a");
            assertThat(limited.numRequeues("a")).isEqualTo(1);
        } finally {
            limited.shutDown();
        }
    }

    @Test
    void shutDownWakesWaitingWorkersAndIgnoresLaterAdds() throws Exception {
        Future<Optional<String>> waiting = threads.submit(queue::get);

        queue.shutDown();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEmpty();
        queue.add("a");
        queue.addAfter("b", Duration.ofMillis(1));
        queue.addRateLimited("c");
        assertThat(queue.get()).isEmpty();
        assertThat(queue.isShuttingDown()).isTrue();
    }

    @Test
    void shutDownLetsWorkersDrainWhatIsQueued() throws Exception {
        queue.add("a");
        queue.add("b");

        queue.shutDown();

        assertThat(queue.get()).contains("a");
        assertThat(queue.get()).contains("b");
        assertThat(queue.get()).isEmpty();
    }

    @Test
    void manyProducersAndWorkersNeverShareAKeyAndProcessEveryAdd() throws Exception {
        int workers = 8;
        int producers = 4;
        int keys = 50;
        int addsPerProducer = 5_000;
        Set<String> inProgress = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        ConcurrentHashMap<String, AtomicInteger> lastSeenAdd = new ConcurrentHashMap<>();
        ConcurrentHashMap<String, AtomicInteger> latestAdd = new ConcurrentHashMap<>();
        for (int k = 0; k < keys; k++) {
            lastSeenAdd.put("k" + k, new AtomicInteger(-1));
            latestAdd.put("k" + k, new AtomicInteger(-1));
        }
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            running.add(threads.submit(() -> {
                for (Optional<String> key = queue.get(); key.isPresent(); key = queue.get()) {
                    if (!inProgress.add(key.get())) {
                        overlaps.incrementAndGet();
                    }
                    // what this pass sees: every add made before get() handed the key out
                    lastSeenAdd.get(key.get()).accumulateAndGet(latestAdd.get(key.get()).get(), Math::max);
                    inProgress.remove(key.get());
                    queue.done(key.get());
                }
                return null;
            }));
        }
        CountDownLatch producersDone = new CountDownLatch(producers);
        AtomicInteger sequence = new AtomicInteger();
        for (int p = 0; p < producers; p++) {
            int seed = p;
            threads.submit(() -> {
                for (int i = 0; i < addsPerProducer; i++) {
                    String key = "k" + ((i * 7 + seed) % keys);
                    latestAdd.get(key).accumulateAndGet(sequence.incrementAndGet(), Math::max);
                    queue.add(key);
                }
                producersDone.countDown();
            });
        }
        producersDone.await();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String key : latestAdd.keySet()) {
                assertThat(lastSeenAdd.get(key).get()).as(key).isEqualTo(latestAdd.get(key).get());
            }
        });
        queue.shutDown();
        for (Future<?> worker : running) {
            worker.get(10, TimeUnit.SECONDS);
        }
        assertThat(overlaps).hasValue(0);
    }

    private String take() throws InterruptedException {
        return queue.get().orElseThrow();
    }

    private static Duration elapsedSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
