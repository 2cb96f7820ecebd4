package io.scalemesh.controlplane.traffic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one proxy reported of the calls to one instance over one reporting period.
 *
 * @param issued calls started in the period
 * @param succeeded calls that finished well in the period
 * @param errors calls that failed in the period
 * @param inProgress calls started and not yet finished at the end of the period
 * @param loadMetrics named load metrics: their sum over the calls that carried them, and how many
 *     did
 */
public record InstanceCalls(
    String service,
    String instance,
    long issued,
    long succeeded,
    long errors,
    long inProgress,
    Map<String, MetricSum> loadMetrics) {

  public InstanceCalls {
    loadMetrics = Map.copyOf(loadMetrics);
  }

  /** The calls of several instances of one service together (their load metrics merged). */
  static InstanceCalls sum(List<InstanceCalls> calls) {
    long issued = 0;
    long succeeded = 0;
    long errors = 0;
    long inProgress = 0;
    Map<String, MetricSum> metrics = new HashMap<>();
    for (InstanceCalls each : calls) {
      issued += each.issued;
      succeeded += each.succeeded;
      errors += each.errors;
      inProgress += each.inProgress;
      each.loadMetrics.forEach((name, sum) -> metrics.merge(name, sum, MetricSum::plus));
    }
    return new InstanceCalls(
        calls.getFirst().service, "", issued, succeeded, errors, inProgress, metrics);
  }

  /** These calls and {@code other}'s together, as this instance's. */
  InstanceCalls plus(InstanceCalls other) {
    Map<String, MetricSum> metrics = loadMetrics;
    if (!other.loadMetrics.isEmpty()) {
      Map<String, MetricSum> both = new HashMap<>(loadMetrics);
      other.loadMetrics.forEach((name, sum) -> both.merge(name, sum, MetricSum::plus));
      metrics = both;
    }
    return new InstanceCalls(
        service,
        instance,
        issued + other.issued,
        succeeded + other.succeeded,
        errors + other.errors,
        inProgress + other.inProgress,
        metrics);
  }

  /** Calls that finished, well or not. */
  public long finished() {
    return succeeded + errors;
  }

  /** A named load metric's sum over {@code calls} calls. */
  public record MetricSum(double total, long calls) {
    MetricSum plus(MetricSum other) {
      return new MetricSum(total + other.total, calls + other.calls);
    }
  }
}
