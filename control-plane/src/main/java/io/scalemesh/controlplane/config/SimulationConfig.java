package io.scalemesh.controlplane.config;

import java.util.List;

/**
 * The demo's simulated world: how fast its clock runs and the load its built-in driver sends.
 *
 * @param timeScale simulated seconds per real second (1: real time; the demo uses 60, so that a
 *     5-minute autoscale window takes 5 seconds)
 * @param load the built-in load driver
 */
public record SimulationConfig(double timeScale, Load load) {

  public SimulationConfig {
    if (timeScale < 1 || timeScale > 3600) {
      throw new IllegalArgumentException("time_scale " + timeScale + " must be between 1 and 3600");
    }
  }

  /**
   * Real gRPC calls through the control plane's own xDS, to every simulated service.
   *
   * @param enabled whether the driver runs
   * @param service the service it calls (none given: the first simulated one)
   * @param profile calls per second at points of simulated time; linear in between, repeating
   */
  public record Load(boolean enabled, String service, List<Point> profile) {
    public Load {
      if (profile.isEmpty()) {
        throw new IllegalArgumentException("profile needs at least one point");
      }
      profile = List.copyOf(profile);
      for (int i = 1; i < profile.size(); i++) {
        if (profile.get(i).minute() <= profile.get(i - 1).minute()) {
          throw new IllegalArgumentException("profile minutes must increase");
        }
      }
    }
  }

  /**
   * At {@code minute} of the profile (simulated time), send {@code callsPerSecond} (real calls per
   * real second).
   */
  public record Point(Double minute, Double callsPerSecond) {
    public Point {
      if (minute == null
          || callsPerSecond == null
          || minute < 0
          || callsPerSecond < 0
          || callsPerSecond > 5000) {
        throw new IllegalArgumentException(
            "a profile point needs minute >= 0 and 0 <= calls_per_second <= 5000");
      }
    }
  }
}
