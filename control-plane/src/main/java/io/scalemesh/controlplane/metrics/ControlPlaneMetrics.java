package io.scalemesh.controlplane.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** The control plane's Prometheus metrics, in a registry of its own (several can share a JVM). */
public final class ControlPlaneMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter refreshes =
      Counter.builder()
          .name("scalemesh_discovery_refreshes_total")
          .help("Discovery refreshes, by scale set and outcome (ok, error)")
          .labelNames("scale_set", "outcome")
          .register(registry);
  private final Gauge discoveryHealthy =
      Gauge.builder()
          .name("scalemesh_discovery_healthy")
          .help(
              "1 while a scale set's last refresh succeeded, 0 while it serves its last good set after a failure")
          .labelNames("scale_set")
          .register(registry);
  private final Counter azureResponses =
      Counter.builder()
          .name("scalemesh_azure_responses_total")
          .help("Responses from Azure Resource Manager, by HTTP status (429: throttled)")
          .labelNames("status")
          .register(registry);
  private final Counter azureChangeEvents =
      Counter.builder()
          .name("scalemesh_azure_change_events_total")
          .help(
              "Resource Manager change events read from the queue, by outcome (hinted: a scale set"
                  + " is read at once; malformed, duplicate, foreign: dropped)")
          .labelNames("outcome")
          .register(registry);
  private final Gauge azureChangeEventsHealthy =
      Gauge.builder()
          .name("scalemesh_azure_change_events_healthy")
          .help(
              "1 while the change events' queue can be read, 0 while it cannot (scale sets are"
                  + " then only polled)")
          .register(registry);
  private final Gauge removalHeld =
      Gauge.builder()
          .name("scalemesh_removal_held")
          .help(
              "1 while a removal of too many of a scale set's instances at once is held back, else 0")
          .labelNames("scale_set")
          .register(registry);
  private final Gauge instances =
      Gauge.builder()
          .name("scalemesh_instances")
          .help("Instances in the published mesh state, by scale set")
          .labelNames("scale_set")
          .register(registry);
  private final Info publishedVersion =
      Info.builder()
          .name("scalemesh_published_version_info")
          .help("The published mesh state version")
          .labelNames("version")
          .register(registry);
  private final Gauge publishedAt =
      Gauge.builder()
          .name("scalemesh_published_timestamp_seconds")
          .help("When the current mesh state was published")
          .register(registry);
  private final Counter acks =
      Counter.builder()
          .name("scalemesh_xds_acks_total")
          .help("xDS responses acknowledged by proxies, by type")
          .labelNames("type")
          .register(registry);
  private final Counter nacks =
      Counter.builder()
          .name("scalemesh_xds_nacks_total")
          .help("xDS responses rejected by proxies, by type")
          .labelNames("type")
          .register(registry);
  private final Counter invalidResources =
      Counter.builder()
          .name("scalemesh_xds_invalid_resources_total")
          .help("Resources that broke Envoy's validation rules and so were not published, by type")
          .labelNames("type")
          .register(registry);
  private final Histogram pushLatency =
      Histogram.builder()
          .name("scalemesh_xds_push_latency_seconds")
          .help("From publishing a version to a proxy acknowledging it, by type")
          .labelNames("type")
          .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
          .register(registry);

  private final Histogram proxyConvergence =
      Histogram.builder()
          .name("scalemesh_xds_proxy_convergence_seconds")
          .help(
              "From publishing a snapshot (or a proxy connecting, if later) to that proxy holding"
                  + " it: every type it subscribes to acknowledged at the version published")
          .classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
          .register(registry);
  private final Histogram snapshotConvergence =
      Histogram.builder()
          .name("scalemesh_xds_snapshot_convergence_seconds")
          .help("From publishing a snapshot to the last proxy connected then holding it")
          .classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
          .register(registry);

  public void discoveryRefresh(String service, boolean ok) {
    refreshes.labelValues(service, ok ? "ok" : "error").inc();
    discoveryHealthy.labelValues(service).set(ok ? 1 : 0);
  }

  public void removalHeld(String service, boolean held) {
    removalHeld.labelValues(service).set(held ? 1 : 0);
  }

  public void azureResponse(int status) {
    azureResponses.labelValues(Integer.toString(status)).inc();
  }

  public void azureChangeEvent(String outcome) {
    azureChangeEvents.labelValues(outcome).inc();
  }

  public void azureChangeEventsHealthy(boolean healthy) {
    azureChangeEventsHealthy.set(healthy ? 1 : 0);
  }

  public void published(String version, Instant at) {
    publishedVersion.setLabelValues(version);
    publishedAt.set(at.toEpochMilli() / 1000.0);
  }

  public void instances(String service, int count) {
    instances.labelValues(service).set(count);
  }

  public void ack(String type) {
    acks.labelValues(type).inc();
  }

  /** A proxy acknowledged the newest version of {@code type}, this long after it was published. */
  public void pushLatency(String type, double seconds) {
    pushLatency.labelValues(type).observe(seconds);
  }

  public void proxyConvergence(double seconds) {
    proxyConvergence.observe(seconds);
  }

  public void snapshotConvergence(double seconds) {
    snapshotConvergence.observe(seconds);
  }

  /**
   * The xDS counters of {@code type} at 0, so that a rate of NACKs or invalid resources has a
   * series to start from (and an alert on it one to watch) before the first one.
   */
  public void servesXdsType(String type) {
    acks.labelValues(type);
    nacks.labelValues(type);
    invalidResources.labelValues(type);
  }

  public void invalidResource(String type) {
    invalidResources.labelValues(type).inc();
  }

  public void nack(String type) {
    nacks.labelValues(type).inc();
  }

  public void connectedProxies(IntSupplier count) {
    GaugeWithCallback.builder()
        .name("scalemesh_xds_connected_proxies")
        .help("xDS streams open now")
        .callback(callback -> callback.call(count.getAsInt()))
        .register(registry);
  }

  /** First pushes waiting for admission, and those sent and not yet answered. */
  public void initialPushes(IntSupplier queued, IntSupplier inFlight) {
    GaugeWithCallback.builder()
        .name("scalemesh_xds_initial_pushes_queued")
        .help("xDS streams whose first response waits for admission")
        .callback(callback -> callback.call(queued.getAsInt()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("scalemesh_xds_initial_pushes_in_flight")
        .help("xDS first responses sent and not yet acknowledged")
        .callback(callback -> callback.call(inFlight.getAsInt()))
        .register(registry);
  }

  /** One instance's calls as proxies reported them, since the control plane started. */
  public record InstanceCalls(String scaleSet, String instance, long calls, long errors) {}

  private final Counter loadReports =
      Counter.builder()
          .name("scalemesh_load_reports_total")
          .help(
              "Load reports from proxies, by outcome (counted; rejected: a count no proxy could"
                  + " have; too_frequent: the stream was ended for reporting too often)")
          .labelNames("outcome")
          .register(registry);
  private final Counter loadReportPartsSkipped =
      Counter.builder()
          .name("scalemesh_load_report_parts_skipped_total")
          .help(
              "Parts of load reports not counted, by reason (unknown_cluster, unknown_locality: an"
                  + " instance never published)")
          .labelNames("reason")
          .register(registry);

  public void loadReport(String outcome) {
    loadReports.labelValues(outcome).inc();
  }

  public void loadReportPartSkipped(String reason) {
    loadReportPartsSkipped.labelValues(reason).inc();
  }

  /** The open load-reporting streams, and every instance's reported calls, read at each scrape. */
  public void loadReporting(IntSupplier streams, Supplier<List<InstanceCalls>> calls) {
    GaugeWithCallback.builder()
        .name("scalemesh_load_report_streams")
        .help("Load-reporting (LRS) streams open now")
        .callback(callback -> callback.call(streams.getAsInt()))
        .register(registry);
    CounterWithCallback.builder()
        .name("scalemesh_instance_requests_total")
        .help("Calls to an instance that finished, as proxies reported them (load reports)")
        .labelNames("scale_set", "instance")
        .callback(
            callback ->
                calls.get().forEach(c -> callback.call(c.calls(), c.scaleSet(), c.instance())))
        .register(registry);
    CounterWithCallback.builder()
        .name("scalemesh_instance_request_errors_total")
        .help("Calls to an instance that failed, as proxies reported them (load reports)")
        .labelNames("scale_set", "instance")
        .callback(
            callback ->
                calls.get().forEach(c -> callback.call(c.errors(), c.scaleSet(), c.instance())))
        .register(registry);
  }

  /** Everything, in the Prometheus text exposition format. */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  public static String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }
}
