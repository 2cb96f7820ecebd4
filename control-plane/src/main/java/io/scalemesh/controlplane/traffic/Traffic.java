package io.scalemesh.controlplane.traffic;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Calls as proxies reported them, to an instance, a service, or from one proxy.
 *
 * @param callsPerSecond calls finished per second, over the reporting interval that ended one
 *     interval ago (every proxy has reported it by then)
 * @param errorsPerSecond of those, failed ones
 * @param inProgress calls unfinished, as of each proxy's last report
 * @param calls calls finished since this control plane started
 * @param errors of those, failed ones
 * @param dropped calls dropped before an instance was chosen (services and proxies only)
 * @param loadMetrics each named load metric's average per call that carried it
 * @param reportedAt when the last report that counted here arrived
 */
public record Traffic(
    double callsPerSecond,
    double errorsPerSecond,
    long inProgress,
    long calls,
    long errors,
    long dropped,
    Map<String, Double> loadMetrics,
    Optional<Instant> reportedAt) {

  public static final Traffic NONE = new Traffic(0, 0, 0, 0, 0, 0, Map.of(), Optional.empty());

  public Traffic {
    loadMetrics = Map.copyOf(loadMetrics);
  }
}
