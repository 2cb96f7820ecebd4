package io.scalemesh.console.charts;

import io.scalemesh.console.mesh.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the charts draw for one range: each series as points whose x is minutes before {@code end},
 * the newest status (so -60 to 0 for the last hour). Counts are steps: a count holds its value
 * until the next one, so each change is drawn as a vertical edge, not a slope.
 *
 * @param end the newest status' time, on the control plane's clock
 * @param ackSeconds per xDS snapshot, at its publication: seconds until every proxy connected then
 *     held it, as the control plane measured (a snapshot replaced sooner has none)
 * @param scaleActions one point (value 0) per scale action, drawn as a marker
 */
public record ChartWindow(
    HistoryRange range,
    Instant end,
    List<Point> desired,
    List<Point> ready,
    List<Point> instances,
    List<Point> cpu,
    List<Point> scaleOutThreshold,
    List<Point> scaleInThreshold,
    List<Point> ackSeconds,
    List<Point> scaleActions) {

  public record Point(double minutes, double value) {}

  public static ChartWindow empty(HistoryRange range) {
    return new ChartWindow(
        range,
        Instant.EPOCH,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  /**
   * The values at {@code minutes} (as the time axis counts), with the absolute time on the control
   * plane's clock: "12:03:15 UTC (control plane): desired 3, ready 3, all 3, CPU 54 %". Empty
   * before any data.
   */
  public Optional<String> readout(double minutes) {
    if (end.equals(Instant.EPOCH)) {
      return Optional.empty();
    }
    Instant at = end.plusMillis(Math.round(minutes * 60_000));
    List<String> parts = new ArrayList<>();
    valueAt(desired, minutes).ifPresent(v -> parts.add("desired " + v.intValue()));
    valueAt(ready, minutes).ifPresent(v -> parts.add("ready " + v.intValue()));
    valueAt(instances, minutes).ifPresent(v -> parts.add("all " + v.intValue()));
    valueAt(cpu, minutes).ifPresent(v -> parts.add(String.format(Locale.ROOT, "CPU %.0f %%", v)));
    return Optional.of(
        Timestamps.UTC.format(at)
            + " UTC (control plane clock)"
            + (parts.isEmpty() ? "" : ": " + String.join(", ", parts)));
  }

  /**
   * The top of the instance axis: above the largest count (so that its line is not drawn on the
   * frame), on a whole tick. Counts are whole: the axis is laid out by hand (auto-ranging gave
   * ticks of 2.5, 7.5).
   */
  public int countAxisTop() {
    int tick = countAxisTick();
    return tick * (int) Math.ceil((largestCount() + 1) / tick);
  }

  /** Whole ticks, at most about five of them. */
  public int countAxisTick() {
    return Math.max(1, (int) Math.ceil((largestCount() + 1) / 5));
  }

  private double largestCount() {
    double largest = 0;
    for (List<Point> series : List.of(desired, ready, instances)) {
      for (Point point : series) {
        largest = Math.max(largest, point.value());
      }
    }
    return Math.ceil(largest);
  }

  /** The value in force at {@code minutes}: the last point at or before it. */
  private static Optional<Double> valueAt(List<Point> points, double minutes) {
    Optional<Double> value = Optional.empty();
    for (Point point : points) {
      if (point.minutes() > minutes) {
        break;
      }
      value = Optional.of(point.value());
    }
    return value;
  }
}
