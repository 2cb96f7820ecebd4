package io.scalemesh.controlplane.status;

import io.scalemesh.model.console.v1.MeshStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The kept statuses, written on a thread of their own: once the history outgrows its budget,
 * thinning it re-encodes up to a minute of frames (a few hundred milliseconds at 1,000 instances,
 * docs/benchmarks.md), which no console's live update should wait for. A read waits for the writes
 * queued before it, so a status a console was sent can always be travelled back to.
 */
final class PastKeeper implements AutoCloseable {
  private final StatusHistory frames;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("status-history").daemon().factory());

  PastKeeper(StatusHistory frames) {
    this.frames = frames;
  }

  /** Keeps {@code status} at the moment it was observed, soon. */
  void record(MeshStatus status) {
    try {
      writer.execute(() -> frames.record(status, Timestamps.toInstant(status.getObservedAt())));
    } catch (RejectedExecutionException closing) {
      // The stream is closing: nobody will travel back any more.
    }
  }

  /** The frame in force at {@code moment}, once every status recorded before this call is kept. */
  Optional<StatusHistory.Past> at(Instant moment) {
    try {
      return writer.submit(() -> frames.at(moment)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the kept statuses", e);
    } catch (ExecutionException | RejectedExecutionException e) {
      throw new IllegalStateException("the kept statuses could not be read", e);
    }
  }

  @Override
  public void close() {
    writer.shutdownNow();
  }
}
