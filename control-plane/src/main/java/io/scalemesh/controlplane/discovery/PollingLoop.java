package io.scalemesh.controlplane.discovery;

import io.scalemesh.controlplane.mesh.Instance;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one loop of every polling source: read the whole set, report it, and again. A read that fails
 * is reported as a failure, and retried after the {@linkplain Backoff backoff}, or after the
 * server's Retry-After when that is longer, so that a throttled server is not made worse. Reads
 * start at most once per period, however soon one returns (a blocking query may return at once);
 * the source may change its period as it goes (faster while its set is changing). A hint (a change
 * event) starts the next read early, but never within {@link #MIN_HINTED_INTERVAL} of the last, so
 * that a flood of hints cannot throttle the server, and never during a backoff; whoever hinted
 * learns when a read that started after the hint has ended. Closing stops the loop quietly: a read
 * cut short by the close is not a failure.
 */
public final class PollingLoop implements DiscoverySource {
  /** One read of the whole set a source sees; it may block (a Consul blocking query). */
  @FunctionalInterface
  public interface Read {
    List<Instance> read() throws Exception;
  }

  /** What a source knows of its own failures. */
  public interface Failures {
    /** One line for operators: what failed, in the source's terms. */
    default String describe(Exception failure) {
      return String.valueOf(failure.getMessage());
    }

    /** How long the server asked to be left alone, if it did. */
    default Optional<Duration> retryAfter(Exception failure) {
      return Optional.empty();
    }
  }

  /** The least time between the starts of two reads, whatever hints say. */
  static final Duration MIN_HINTED_INTERVAL = Duration.ofSeconds(1);

  private final String service;
  private final Supplier<Duration> period;
  private final Read read;
  private final Failures failures;
  private final Clock clock;
  private final List<AutoCloseable> closedWith = new CopyOnWriteArrayList<>();
  private final Object hints = new Object();

  /** Hints no read has started after yet, each answered by the end of the next read. */
  private final List<CompletableFuture<Void>> hinted = new ArrayList<>();

  private Thread thread;
  private volatile boolean closed;

  /**
   * @param period the least time from the start of one read to the start of the next
   */
  public PollingLoop(String service, Duration period, Read read, Failures failures, Clock clock) {
    this(service, () -> period, read, failures, clock);
  }

  /**
   * @param period the least time from the start of one read to the start of the next, asked after
   *     each read
   */
  public PollingLoop(
      String service, Supplier<Duration> period, Read read, Failures failures, Clock clock) {
    this.service = service;
    this.period = period;
    this.read = read;
    this.failures = failures;
    this.clock = clock;
  }

  /** Closes {@code resource} too when the loop closes (a client whose reads it makes, say). */
  public PollingLoop closing(AutoCloseable resource) {
    closedWith.add(resource);
    return this;
  }

  @Override
  public String service() {
    return service;
  }

  /**
   * Something says the set has changed: read it again soon, not at the end of the period.
   *
   * @return completed when a read that started after this call has ended and been reported, whether
   *     it succeeded or failed (so that the change is in what was reported); cancelled if the loop
   *     closes first
   */
  public CompletableFuture<Void> hint() {
    CompletableFuture<Void> answered = new CompletableFuture<>();
    synchronized (hints) {
      if (closed) {
        answered.cancel(false);
      } else {
        hinted.add(answered);
        hints.notifyAll();
      }
    }
    return answered;
  }

  @Override
  public synchronized void start(Consumer<DiscoveryReport> reports) {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = Thread.ofPlatform().daemon().name("poll-" + service).start(() -> run(reports));
  }

  private void run(Consumer<DiscoveryReport> reports) {
    int failed = 0;
    while (!closed) {
      long started = System.nanoTime();
      List<CompletableFuture<Void>> answers;
      synchronized (hints) {
        answers = List.copyOf(hinted); // this read sees whatever was hinted so far
        hinted.clear();
      }
      Optional<Duration> backoff;
      try {
        List<Instance> instances = read.read();
        failed = 0;
        reports.accept(new DiscoveryReport.Complete(service, instances, clock.instant()));
        backoff = Optional.empty();
      } catch (Exception e) {
        if (closed || e instanceof InterruptedException) {
          answers.forEach(answer -> answer.cancel(false));
          return;
        }
        failed++;
        reports.accept(new DiscoveryReport.Failed(service, failures.describe(e), clock.instant()));
        Duration next = Backoff.after(failed, ThreadLocalRandom.current());
        backoff =
            Optional.of(
                failures.retryAfter(e).filter(asked -> asked.compareTo(next) > 0).orElse(next));
      }
      answers.forEach(answer -> answer.complete(null));
      if (!(backoff.isPresent() ? sleep(backoff.get()) : awaitNextRead(started))) {
        return;
      }
    }
  }

  /**
   * Until a period after {@code started}, or a hint after the least interval; false when closed.
   */
  private boolean awaitNextRead(long started) {
    long periodEnd = started + period.get().toNanos();
    long hintedEarliest = started + MIN_HINTED_INTERVAL.toNanos();
    try {
      synchronized (hints) {
        while (true) {
          long now = System.nanoTime();
          long until = hinted.isEmpty() ? periodEnd : Math.min(periodEnd, hintedEarliest);
          if (now >= until) {
            return !closed;
          }
          TimeUnit.NANOSECONDS.timedWait(hints, until - now);
        }
      }
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static boolean sleep(Duration wait) {
    try {
      if (wait.isPositive()) {
        Thread.sleep(wait);
      }
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  @Override
  public synchronized void close() {
    synchronized (hints) {
      closed = true;
      hinted.forEach(answer -> answer.cancel(false));
      hinted.clear();
    }
    if (thread != null) {
      thread.interrupt();
    }
    for (AutoCloseable resource : closedWith) {
      try {
        resource.close();
      } catch (Exception e) {
        // It was used by reads, which have ended; nothing is left to lose.
      }
    }
  }
}
