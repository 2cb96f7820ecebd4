package io.scalemesh.controlplane.coalesce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescerTest {
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void aLoneRequestRunsAtOnceAndABurstAfterItIsOneMoreRunWhenTheHoldOffEnds() throws Exception {
    try (Coalescer coalescer =
        new Coalescer("test", Duration.ofMillis(300), runs::incrementAndGet)) {
      coalescer.request();
      await().until(() -> runs.get() == 1);
      for (int i = 0; i < 1_000; i++) {
        coalescer.request();
      }
      await().until(() -> runs.get() == 2);
      Thread.sleep(600);
      assertThat(runs.get()).as("a thousand requests").isEqualTo(2);
    }
  }

  @Test
  void aRequestWhileTheJobRunsMakesItRunAgainAfterwards() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Coalescer coalescer =
        new Coalescer(
            "test",
            Duration.ZERO,
            () -> {
              if (runs.incrementAndGet() == 1) {
                running.countDown();
                await().until(() -> release.getCount() == 0);
              }
            })) {
      coalescer.request();
      running.await();
      coalescer.request();
      release.countDown();

      await().until(() -> runs.get() == 2);
    }
  }

  @Test
  void aJobThatFailsDoesNotStopLaterRuns() {
    try (Coalescer coalescer =
        new Coalescer(
            "test",
            Duration.ZERO,
            () -> {
              if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("the first run fails");
              }
            })) {
      coalescer.request();
      await().until(() -> runs.get() == 1);
      coalescer.request();
      await().until(() -> runs.get() == 2);
    }
  }

  @Test
  void requestsAfterCloseAreDropped() {
    Coalescer coalescer = new Coalescer("test", Duration.ZERO, runs::incrementAndGet);
    coalescer.close();

    coalescer.request();
    coalescer.requestIn(Duration.ofMillis(1));

    assertThat(runs.get()).isZero();
  }
}
