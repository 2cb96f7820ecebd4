package io.scalemesh.controlplane.autoscale;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The CPU samples of every scale set over the last hour (of the control plane's clock), capped. */
public final class CpuHistory {
  public static final Duration KEPT = Duration.ofHours(1);
  private static final int MAX_PER_SCALE_SET = 3_600;

  private final Map<String, Deque<CpuSample>> samples = new ConcurrentHashMap<>();

  public void add(CpuSample sample) {
    Deque<CpuSample> series = samples.computeIfAbsent(sample.service(), name -> new ArrayDeque<>());
    synchronized (series) {
      series.addLast(sample);
      Instant oldest = sample.at().minus(KEPT);
      while (series.size() > MAX_PER_SCALE_SET || series.getFirst().at().isBefore(oldest)) {
        series.removeFirst();
      }
    }
  }

  /** The samples of one scale set, oldest first. */
  public List<CpuSample> of(String service) {
    Deque<CpuSample> series = samples.get(service);
    if (series == null) {
      return List.of();
    }
    synchronized (series) {
      return List.copyOf(series);
    }
  }

  /** Every scale set's samples since {@code from}, oldest first. */
  public List<CpuSample> since(Instant from) {
    return samples.keySet().stream()
        .sorted()
        .flatMap(service -> of(service).stream())
        .filter(sample -> !sample.at().isBefore(from))
        .toList();
  }

  public Optional<CpuSample> latest(String service) {
    List<CpuSample> series = of(service);
    return series.isEmpty() ? Optional.empty() : Optional.of(series.getLast());
  }
}
