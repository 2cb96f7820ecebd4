package io.scalemesh.controlplane.simulation;

import io.scalemesh.controlplane.config.SimulationConfig;
import java.time.Duration;
import java.util.List;

/**
 * Calls per second over simulated time: linear between the points, repeating after the last one.
 */
final class LoadProfile {
  private final List<SimulationConfig.Point> points;

  LoadProfile(List<SimulationConfig.Point> points) {
    this.points = List.copyOf(points);
  }

  double callsPerSecondAt(Duration sinceStart) {
    if (points.size() == 1) {
      return points.getFirst().callsPerSecond();
    }
    double cycle = points.getLast().minute();
    double minute = (sinceStart.toMillis() / 60_000.0) % cycle;
    for (int i = 1; i < points.size(); i++) {
      SimulationConfig.Point from = points.get(i - 1);
      SimulationConfig.Point to = points.get(i);
      if (minute <= to.minute()) {
        double share =
            minute <= from.minute() ? 0 : (minute - from.minute()) / (to.minute() - from.minute());
        return from.callsPerSecond() + share * (to.callsPerSecond() - from.callsPerSecond());
      }
    }
    return points.getLast().callsPerSecond();
  }
}
