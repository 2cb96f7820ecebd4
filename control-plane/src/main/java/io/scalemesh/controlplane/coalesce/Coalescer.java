package io.scalemesh.controlplane.coalesce;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job on request, gathering requests that come close together into one run, on a thread of
 * its own (the job never runs twice at once). A request after a quiet spell runs at once, so a lone
 * change is not delayed; requests within {@code holdOff} of the last run's start, or while it runs,
 * make one more run when the hold-off ends. Contour's hold-off does the same for the same reason (a
 * burst of changes is one update), but waits on the first change too.
 */
public final class Coalescer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Coalescer.class);

  private final String name;
  private final long holdOffNanos;
  private final Runnable job;
  private final ScheduledExecutorService thread;
  private final AtomicBoolean requested = new AtomicBoolean();
  private volatile long lastRunNanos;
  private volatile boolean closed;

  public Coalescer(String name, Duration holdOff, Runnable job) {
    this.name = name;
    this.holdOffNanos = holdOff.toNanos();
    this.job = job;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name(name).daemon().factory());
    this.lastRunNanos = System.nanoTime() - holdOffNanos;
  }

  /**
   * Asks for a run: at once, or when the hold-off since the last run ends; one for any number of
   * asks.
   */
  public void request() {
    if (requested.compareAndSet(false, true)) {
      schedule(this::run, Math.max(0, lastRunNanos + holdOffNanos - System.nanoTime()));
    }
  }

  /** Asks for a run {@code delay} from now: a retry, or a look at something that ends by itself. */
  public void requestIn(Duration delay) {
    schedule(this::request, delay.toNanos());
  }

  /** Asks for a run every {@code period} as well, for what changes without anyone saying so. */
  public Coalescer requestEvery(Duration period) {
    try {
      thread.scheduleWithFixedDelay(
          this::request, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      requireOpen(e);
    }
    return this;
  }

  private void schedule(Runnable task, long delayNanos) {
    try {
      thread.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      requireOpen(e);
    }
  }

  /** After close, requests are dropped: the job's readers are going away too. */
  private void requireOpen(RejectedExecutionException e) {
    if (!closed) {
      throw e;
    }
  }

  private void run() {
    requested.set(false);
    lastRunNanos = System.nanoTime();
    try {
      job.run();
    } catch (RuntimeException e) {
      // The thread must survive whatever one run does; the job says what it wants retried.
      LOG.error("{} failed", name, e);
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.shutdownNow();
  }
}
