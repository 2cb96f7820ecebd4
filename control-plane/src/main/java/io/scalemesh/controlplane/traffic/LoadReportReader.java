package io.scalemesh.controlplane.traffic;

import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterStats;
import io.envoyproxy.envoy.config.endpoint.v3.EndpointLoadMetricStats;
import io.envoyproxy.envoy.config.endpoint.v3.UpstreamLocalityStats;
import io.envoyproxy.envoy.service.load_stats.v3.LoadStatsRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a proxy's load report into calls per instance. Scalemesh publishes each instance as its own
 * locality, with the instance's name as sub-zone, so a locality's counts are the instance's.
 *
 * <p>A report is all or nothing: a count no proxy could have (negative, once read as a signed
 * number, or beyond {@link #MAX_CALLS}) rejects it whole, since its other counts are as doubtful.
 * Clusters this control plane does not serve, and localities that are no instance it published, are
 * skipped: a proxy may report more than it was asked for, and what is kept stays bounded.
 */
final class LoadReportReader {
  /** More calls than any proxy makes to one instance in one reporting period. */
  static final long MAX_CALLS = 1_000_000_000L;

  /** More named load metrics per instance than a backend reports. */
  static final int MAX_LOAD_METRICS = 32;

  private static final int MAX_METRIC_NAME = 128;

  private LoadReportReader() {}

  /** The key of an instance whose calls are counted, if they are. */
  interface Counted {
    Optional<TrafficLedger.InstanceKey> key(String service, String instance);
  }

  /**
   * @param proxy the node id its stream began with
   * @param services the clusters this control plane serves (cluster name = service name)
   * @param counted the key of a service's instance (by name) whose calls are counted
   * @param skipped told why each skipped part was skipped (unknown_cluster, unknown_locality)
   */
  static LoadReport read(
      LoadStatsRequest request,
      String proxy,
      long stream,
      Instant at,
      Set<String> services,
      Counted counted,
      Consumer<String> skipped)
      throws BadLoadReportException {
    Map<String, Map<String, InstanceCalls>> calls = new HashMap<>();
    Map<String, Long> dropped = new HashMap<>();
    for (ClusterStats cluster : request.getClusterStatsList()) {
      String service = cluster.getClusterName();
      if (!services.contains(service)) {
        skipped.accept("unknown_cluster");
        continue;
      }
      dropped.merge(
          service, count("total_dropped_requests", cluster.getTotalDroppedRequests()), Long::sum);
      for (UpstreamLocalityStats locality : cluster.getUpstreamLocalityStatsList()) {
        Optional<TrafficLedger.InstanceKey> key =
            counted.key(service, locality.getLocality().getSubZone());
        if (key.isEmpty()) {
          skipped.accept("unknown_locality");
          continue;
        }
        String instance = key.get().instance();
        calls
            .computeIfAbsent(key.get().service(), s -> new HashMap<>())
            .merge(
                instance,
                instanceCalls(key.get().service(), instance, locality),
                InstanceCalls::plus);
      }
    }
    List<InstanceCalls> all = new ArrayList<>();
    calls.values().forEach(byInstance -> all.addAll(byInstance.values()));
    return new LoadReport(proxy, stream, at, covers(request), all, dropped);
  }

  /** The stretch the report's counts are of: its clusters' longest interval, at least a second. */
  private static Duration covers(LoadStatsRequest request) {
    long millis =
        request.getClusterStatsList().stream()
            .mapToLong(c -> Durations.toMillis(c.getLoadReportInterval()))
            .max()
            .orElse(0);
    return Duration.ofMillis(Math.max(1_000, millis));
  }

  private static InstanceCalls instanceCalls(
      String service, String instance, UpstreamLocalityStats locality)
      throws BadLoadReportException {
    if (locality.getLoadMetricStatsCount() > MAX_LOAD_METRICS) {
      throw new BadLoadReportException(
          "load_metric",
          locality.getLoadMetricStatsCount()
              + " load metrics for "
              + instance
              + ", more than "
              + MAX_LOAD_METRICS);
    }
    Map<String, InstanceCalls.MetricSum> metrics =
        locality.getLoadMetricStatsCount() == 0 ? Map.of() : new HashMap<>();
    for (EndpointLoadMetricStats metric : locality.getLoadMetricStatsList()) {
      String name = metric.getMetricName();
      double total = metric.getTotalMetricValue();
      if (name.isEmpty() || name.length() > MAX_METRIC_NAME || !Double.isFinite(total)) {
        throw new BadLoadReportException(
            "load_metric", "a load metric of " + instance + " has no usable name or value");
      }
      metrics.merge(
          name,
          new InstanceCalls.MetricSum(
              total,
              count(
                  "num_requests_finished_with_metric", metric.getNumRequestsFinishedWithMetric())),
          InstanceCalls.MetricSum::plus);
    }
    return new InstanceCalls(
        service,
        instance,
        count("total_issued_requests", locality.getTotalIssuedRequests()),
        count("total_successful_requests", locality.getTotalSuccessfulRequests()),
        count("total_error_requests", locality.getTotalErrorRequests()),
        count("total_requests_in_progress", locality.getTotalRequestsInProgress()),
        metrics);
  }

  /** A uint64 of the report, which Java reads as signed. */
  private static long count(String field, long value) throws BadLoadReportException {
    if (value < 0 || value > MAX_CALLS) {
      throw new BadLoadReportException(
          "count", field + " is " + Long.toUnsignedString(value) + ", beyond any proxy's");
    }
    return value;
  }
}
