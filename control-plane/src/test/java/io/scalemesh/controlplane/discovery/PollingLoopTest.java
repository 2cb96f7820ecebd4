package io.scalemesh.controlplane.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one loop of every polling source: its pace, its failures, its end. */
class PollingLoopTest {
  private static final PollingLoop.Failures PLAIN = new PollingLoop.Failures() {};

  private final List<DiscoveryReport> reports = new CopyOnWriteArrayList<>();
  private final List<Long> starts = new CopyOnWriteArrayList<>();

  @Test
  void readsStartNoSoonerThanOnePeriodApartHoweverQuicklyTheyReturn() {
    try (PollingLoop loop =
        new PollingLoop(
            "web",
            Duration.ofMillis(200),
            () -> {
              starts.add(System.nanoTime());
              return List.of();
            },
            PLAIN,
            Clock.systemUTC())) {
      loop.start(reports::add);
      await().until(() -> starts.size() >= 4);
    }
    for (int i = 1; i < starts.size(); i++) {
      assertThat(Duration.ofNanos(starts.get(i) - starts.get(i - 1)))
          .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
    assertThat(reports).allMatch(DiscoveryReport.Complete.class::isInstance);
  }

  @Test
  void aFailureIsReportedInTheSourcesWordsAndTheServersRetryAfterIsWaitedOut() {
    AtomicInteger reads = new AtomicInteger();
    PollingLoop.Failures throttled =
        new PollingLoop.Failures() {
          @Override
          public String describe(Exception failure) {
            return "throttled: " + failure.getMessage();
          }

          @Override
          public Optional<Duration> retryAfter(Exception failure) {
            return Optional.of(Duration.ofMillis(1_500));
          }
        };
    try (PollingLoop loop =
        new PollingLoop(
            "web",
            Duration.ZERO,
            () -> {
              starts.add(System.nanoTime());
              if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("429");
              }
              return List.of();
            },
            throttled,
            Clock.systemUTC())) {
      loop.start(reports::add);
      await().until(() -> reports.size() >= 2);
    }
    assertThat(reports.getFirst())
        .isInstanceOfSatisfying(
            DiscoveryReport.Failed.class,
            failed -> assertThat(failed.error()).isEqualTo("throttled: 429"));
    assertThat(reports.get(1)).isInstanceOf(DiscoveryReport.Complete.class);
    // Longer than the first backoff (at most 1.25 s): the Retry-After ruled.
    assertThat(Duration.ofNanos(starts.get(1) - starts.get(0)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
  }

  @Test
  void aHintStartsTheNextReadEarlyButNotWithinASecondOfTheLast() {
    try (PollingLoop loop =
        new PollingLoop(
            "web",
            Duration.ofMinutes(10),
            () -> {
              starts.add(System.nanoTime());
              return List.of();
            },
            PLAIN,
            Clock.systemUTC())) {
      loop.start(reports::add);
      await().until(() -> starts.size() == 1);
      loop.hint();
      loop.hint();

      await().atMost(Duration.ofSeconds(5)).until(() -> starts.size() == 2);
      assertThat(Duration.ofNanos(starts.get(1) - starts.get(0)))
          .isGreaterThanOrEqualTo(PollingLoop.MIN_HINTED_INTERVAL);
    }
  }

  @Test
  void aHintIsAnsweredOnlyOnceAReadThatStartedAfterItHasEnded() throws Exception {
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch finishFirstRead = new CountDownLatch(1);
    try (PollingLoop loop =
        new PollingLoop(
            "web",
            Duration.ofMinutes(10),
            () -> {
              starts.add(System.nanoTime());
              if (starts.size() == 1) {
                reading.countDown();
                finishFirstRead.await();
              }
              return List.of();
            },
            PLAIN,
            Clock.systemUTC())) {
      loop.start(reports::add);
      reading.await();

      CompletableFuture<Void> answered = loop.hint(); // during the first read, which may miss it
      finishFirstRead.countDown();
      await().until(() -> reports.size() == 1);
      assertThat(answered).isNotDone();

      answered.get(5, TimeUnit.SECONDS);
      assertThat(starts).hasSize(2);
      assertThat(reports).hasSize(2);
    }
  }

  @Test
  void aReadThatFailsAnswersTheHintsBeforeItAndClosingCancelsTheRest() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    PollingLoop loop =
        new PollingLoop(
            "web",
            Duration.ofMinutes(10),
            () -> {
              if (reads.incrementAndGet() == 2) {
                throw new IllegalStateException("503");
              }
              return List.of();
            },
            PLAIN,
            Clock.systemUTC());
    loop.start(reports::add);
    await().until(() -> reports.size() == 1);

    loop.hint().get(5, TimeUnit.SECONDS);
    assertThat(reports.get(1)).isInstanceOf(DiscoveryReport.Failed.class);

    CompletableFuture<Void> waiting = loop.hint(); // the next read waits out the backoff
    loop.close();
    assertThat(waiting).isCancelled();
    assertThat(loop.hint()).isCancelled();
  }

  @Test
  void theSourceMayChangeItsPeriodAsItGoes() {
    AtomicInteger reads = new AtomicInteger();
    try (PollingLoop loop =
        new PollingLoop(
            "web",
            () -> reads.get() < 3 ? Duration.ofMillis(100) : Duration.ofMinutes(10),
            () -> {
              reads.incrementAndGet();
              return List.of();
            },
            PLAIN,
            Clock.systemUTC())) {
      loop.start(reports::add);
      await().until(() -> reads.get() == 3);
    }
  }

  @Test
  void closingItDuringAReadIsNotAFailure() throws Exception {
    CountDownLatch reading = new CountDownLatch(1);
    PollingLoop loop =
        new PollingLoop(
            "web",
            Duration.ZERO,
            () -> {
              reading.countDown();
              Thread.sleep(60_000); // a blocking query
              return List.of();
            },
            PLAIN,
            Clock.systemUTC());
    loop.start(reports::add);
    reading.await();

    loop.close();

    Thread.sleep(200);
    assertThat(reports).isEmpty();
  }
}
