package io.scalemesh.controlplane.status;

import io.scalemesh.model.console.v1.EndpointStatus;
import io.scalemesh.model.console.v1.InstanceCounts;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.ScaleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each scale set's instance counts over the last hour, so that a console that connects draws the
 * desired-vs-ready chart from the past too, not from the moment it connected. A count is kept when
 * it changes; changes less than a second (of the control plane's clock) apart keep the newest.
 */
final class CountHistory {
  private static final Duration KEPT = Duration.ofHours(1);
  private static final Duration RESOLUTION = Duration.ofSeconds(1);

  private final Map<String, Deque<InstanceCounts>> counts = new HashMap<>();

  synchronized void record(MeshStatus status, Instant at) {
    for (ScaleSet scaleSet : status.getScaleSetsList()) {
      InstanceCounts now =
          InstanceCounts.newBuilder()
              .setScaleSet(scaleSet.getName())
              .setAt(Timestamps.of(at))
              .setDesired(scaleSet.getCapacity())
              .setTotal(scaleSet.getInstancesCount())
              .setReady(
                  (int)
                      scaleSet.getInstancesList().stream()
                          .filter(
                              i -> i.getEndpointStatus() == EndpointStatus.ENDPOINT_STATUS_READY)
                          .count())
              .build();
      Deque<InstanceCounts> series =
          counts.computeIfAbsent(scaleSet.getName(), name -> new ArrayDeque<>());
      InstanceCounts last = series.peekLast();
      if (last != null && !changed(last, now)) {
        continue;
      }
      if (last != null && at.isBefore(Timestamps.toInstant(last.getAt()).plus(RESOLUTION))) {
        series.removeLast();
      }
      series.addLast(now);
      while (Timestamps.toInstant(series.getFirst().getAt()).isBefore(at.minus(KEPT))) {
        series.removeFirst();
      }
    }
  }

  /** Every scale set's counts since {@code from}, oldest first. */
  synchronized List<InstanceCounts> since(Instant from) {
    return counts.values().stream()
        .flatMap(Deque::stream)
        .filter(c -> !Timestamps.toInstant(c.getAt()).isBefore(from))
        .sorted(Comparator.comparing(c -> Timestamps.toInstant(c.getAt())))
        .toList();
  }

  private static boolean changed(InstanceCounts a, InstanceCounts b) {
    return a.getDesired() != b.getDesired()
        || a.getTotal() != b.getTotal()
        || a.getReady() != b.getReady();
  }
}
