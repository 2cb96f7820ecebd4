package io.scalemesh.controlplane.xds;

import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How long a published snapshot takes to reach the proxies, as istiod's {@code
 * pilot_proxy_convergence_time}: each proxy (publication, or its connection if later, to holding
 * every type it subscribes to), and the snapshot as a whole (publication to the last proxy
 * connected then holding it). A snapshot replaced before every proxy held it never converged, and
 * is not counted.
 */
public final class Convergence {
  /** How long snapshots are remembered for the status stream: as long as its other history. */
  static final Duration KEPT = Duration.ofHours(1);

  /** A snapshot every connected proxy came to hold, {@code after} its publication. */
  public record Converged(Instant publishedAt, Duration after) {}

  private record Pending(Instant publishedAt, Set<Long> waitingFor) {}

  private final ControlPlaneMetrics metrics;
  private final Deque<Converged> recent = new ArrayDeque<>();
  private Instant lastPublishedAt = Instant.MIN;
  private Pending pending;

  public Convergence(ControlPlaneMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * A snapshot published {@code at}, which {@code outOfSync} of the {@code connected} streams do
   * not hold yet. With none connected there is nothing to converge.
   */
  synchronized void published(Instant at, int connected, Set<Long> outOfSync) {
    lastPublishedAt = at;
    pending = connected == 0 ? null : new Pending(at, new HashSet<>(outOfSync));
    if (pending != null) {
      completeIfDone(at);
    }
  }

  /** Stream {@code id}, open since {@code openedAt}, holds what is published as of {@code now}. */
  synchronized void inSync(long id, Instant openedAt, Instant now) {
    Instant from = openedAt.isAfter(lastPublishedAt) ? openedAt : lastPublishedAt;
    metrics.proxyConvergence(seconds(Duration.between(from, now)));
    if (pending != null && pending.waitingFor().remove(id)) {
      completeIfDone(now);
    }
  }

  /** A stream that ends is waited for no longer. */
  synchronized void closed(long id, Instant now) {
    if (pending != null && pending.waitingFor().remove(id)) {
      completeIfDone(now);
    }
  }

  /** The snapshots that converged since {@code from}, oldest first. */
  public synchronized List<Converged> since(Instant from) {
    return recent.stream().filter(c -> !c.publishedAt().isBefore(from)).toList();
  }

  /** The latest snapshot that converged. */
  public synchronized Optional<Converged> last() {
    return Optional.ofNullable(recent.peekLast());
  }

  private void completeIfDone(Instant now) {
    if (!pending.waitingFor().isEmpty()) {
      return;
    }
    Converged converged =
        new Converged(pending.publishedAt(), Duration.between(pending.publishedAt(), now));
    pending = null;
    metrics.snapshotConvergence(seconds(converged.after()));
    recent.addLast(converged);
    while (recent.peekFirst().publishedAt().isBefore(now.minus(KEPT))) {
      recent.removeFirst();
    }
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
