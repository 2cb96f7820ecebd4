package io.scalemesh.controlplane.traffic;

import static io.scalemesh.controlplane.traffic.EnvoyReports.cluster;
import static io.scalemesh.controlplane.traffic.EnvoyReports.locality;
import static io.scalemesh.controlplane.traffic.EnvoyReports.report;
import static io.scalemesh.controlplane.traffic.EnvoyReports.withMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envoyproxy.envoy.service.load_stats.v3.LoadStatsRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadReportReaderTest {
  private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
  private static final Set<String> KNOWN = Set.of("backend_0", "backend_1", "web_0");
  private final List<String> skipped = new ArrayList<>();

  private LoadReport read(LoadStatsRequest request) throws BadLoadReportException {
    return LoadReportReader.read(
        request,
        "edge-1",
        7,
        AT,
        Set.of("backend", "web"),
        (service, instance) ->
            KNOWN.contains(instance)
                ? Optional.of(new TrafficLedger.InstanceKey(service, instance))
                : Optional.empty(),
        skipped::add);
  }

  @Test
  void anEnvoyReportBecomesCallsPerInstanceWithDroppedCallsAndLoadMetrics() throws Exception {
    LoadReport report =
        read(
            report(
                "ignored-after-the-first",
                cluster(
                    "backend",
                    4,
                    withMetric(locality("backend_0", 100, 97, 3, 2), "cpu_utilization", 100, 42.0),
                    locality("backend_1", 50, 50, 0, 0)),
                cluster("web", 0, locality("web_0", 10, 9, 1, 1))));

    assertThat(report.proxy()).isEqualTo("edge-1");
    assertThat(report.stream()).isEqualTo(7);
    assertThat(report.calls())
        .containsExactlyInAnyOrder(
            new InstanceCalls(
                "backend",
                "backend_0",
                100,
                97,
                3,
                2,
                Map.of("cpu_utilization", new InstanceCalls.MetricSum(42.0, 100))),
            new InstanceCalls("backend", "backend_1", 50, 50, 0, 0, Map.of()),
            new InstanceCalls("web", "web_0", 10, 9, 1, 1, Map.of()));
    assertThat(report.dropped()).isEqualTo(Map.of("backend", 4L, "web", 0L));
    assertThat(skipped).isEmpty();
  }

  @Test
  void theSameLocalityTwiceIsSummed() throws Exception {
    LoadReport report =
        read(
            report(
                "edge-1",
                cluster("backend", 0, locality("backend_0", 1, 1, 0, 0)),
                cluster("backend", 0, locality("backend_0", 2, 1, 1, 1))));

    assertThat(report.calls())
        .containsExactly(new InstanceCalls("backend", "backend_0", 3, 2, 1, 1, Map.of()));
  }

  @Test
  void unknownClustersAndLocalitiesAreSkippedAndSaidSo() throws Exception {
    LoadReport report =
        read(
            report(
                "edge-1",
                cluster("scalemesh_xds", 0, locality("x", 5, 5, 0, 0)),
                cluster(
                    "backend",
                    0,
                    locality("backend_0", 1, 1, 0, 0),
                    locality("backend_99", 5, 5, 0, 0),
                    locality("", 5, 5, 0, 0))));

    assertThat(report.calls())
        .containsExactly(new InstanceCalls("backend", "backend_0", 1, 1, 0, 0, Map.of()));
    assertThat(skipped).containsExactly("unknown_cluster", "unknown_locality", "unknown_locality");
  }

  @Test
  void aCountNoProxyCouldHaveRejectsTheWholeReport() {
    // 2^64 - 1 as a uint64: negative once read as a Java long.
    assertThatThrownBy(
            () ->
                read(
                    report(
                        "edge-1",
                        cluster(
                            "backend",
                            0,
                            locality("backend_0", 1, 1, 0, 0),
                            locality("backend_1", -1L, 0, 0, 0)))))
        .isInstanceOf(BadLoadReportException.class)
        .hasMessage("total_issued_requests is 18446744073709551615, beyond any proxy's")
        .extracting(e -> ((BadLoadReportException) e).reason())
        .isEqualTo("count");
    assertThatThrownBy(
            () ->
                read(
                    report(
                        "edge-1",
                        cluster("backend", LoadReportReader.MAX_CALLS + 1),
                        cluster("web", 0))))
        .hasMessageContaining("total_dropped_requests");
  }

  @Test
  void loadMetricsWithoutANameOrValueOrTooManyRejectTheReport() {
    assertThatThrownBy(
            () ->
                read(
                    report(
                        "edge-1",
                        cluster(
                            "backend",
                            0,
                            withMetric(locality("backend_0", 1, 1, 0, 0), "q", 1, Double.NaN)))))
        .hasMessage("a load metric of backend_0 has no usable name or value");
    var many = locality("backend_0", 1, 1, 0, 0);
    for (int i = 0; i <= LoadReportReader.MAX_LOAD_METRICS; i++) {
      many = withMetric(many, "m" + i, 1, 1);
    }
    var tooMany = many;
    assertThatThrownBy(() -> read(report("edge-1", cluster("backend", 0, tooMany))))
        .hasMessage("33 load metrics for backend_0, more than 32");
  }
}
