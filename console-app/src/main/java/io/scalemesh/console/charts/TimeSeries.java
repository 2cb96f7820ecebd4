package io.scalemesh.console.charts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Values over time, oldest first: at most one per {@code resolution} (a newer value in the same
 * slot replaces the older), nothing older than {@code kept} before the newest. So memory stays
 * bounded however often updates come.
 */
public final class TimeSeries {
  private final long resolutionMillis;
  private final Duration kept;
  private final Deque<Sample> samples = new ArrayDeque<>();

  public TimeSeries(Duration resolution, Duration kept) {
    this.resolutionMillis = resolution.toMillis();
    this.kept = kept;
  }

  /** Adds a value; one older than the newest is ignored (history never rewrites itself). */
  public void add(Instant at, double value) {
    Sample last = samples.peekLast();
    if (last != null && at.isBefore(last.at())) {
      return;
    }
    if (last != null && slot(last.at()) == slot(at)) {
      samples.removeLast();
    }
    samples.addLast(new Sample(at, value));
    Instant oldest = at.minus(kept);
    while (samples.getFirst().at().isBefore(oldest)) {
      samples.removeFirst();
    }
  }

  public int size() {
    return samples.size();
  }

  public void clear() {
    samples.clear();
  }

  /**
   * The samples from {@code span} before {@code end} up to {@code end}, thinned to at most {@code
   * maxPoints} by keeping evenly spaced ones (always the newest).
   */
  public List<Sample> window(Instant end, Duration span, int maxPoints) {
    Instant from = end.minus(span);
    List<Sample> inside = new ArrayList<>();
    for (Sample sample : samples) {
      if (!sample.at().isBefore(from) && !sample.at().isAfter(end)) {
        inside.add(sample);
      }
    }
    if (inside.size() <= maxPoints) {
      return inside;
    }
    List<Sample> thinned = new ArrayList<>(maxPoints);
    double step = (inside.size() - 1) / (double) (maxPoints - 1);
    for (int i = 0; i < maxPoints; i++) {
      thinned.add(inside.get((int) Math.round(i * step)));
    }
    return thinned;
  }

  private long slot(Instant at) {
    return Math.floorDiv(at.toEpochMilli(), resolutionMillis);
  }
}
