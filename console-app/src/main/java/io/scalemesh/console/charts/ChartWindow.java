package io.scalemesh.console.charts;

import java.util.List;

/**
 * What the charts draw for one range: each series as points whose x is minutes before the newest
 * status (so -60 to 0 for the last hour).
 */
public record ChartWindow(
    HistoryRange range,
    List<Point> desired,
    List<Point> ready,
    List<Point> instances,
    List<Point> cpu,
    List<Point> scaleOutThreshold,
    List<Point> scaleInThreshold,
    List<Point> publications,
    List<Point> scaleActions) {

  public record Point(double minutes, double value) {}

  public static ChartWindow empty(HistoryRange range) {
    return new ChartWindow(
        range, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of());
  }
}
