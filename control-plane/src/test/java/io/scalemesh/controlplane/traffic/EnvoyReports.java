package io.scalemesh.controlplane.traffic;

import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterStats;
import io.envoyproxy.envoy.config.endpoint.v3.EndpointLoadMetricStats;
import io.envoyproxy.envoy.config.endpoint.v3.UpstreamLocalityStats;
import io.envoyproxy.envoy.service.load_stats.v3.LoadStatsRequest;
import io.scalemesh.controlplane.mesh.BackendProtocol;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import io.scalemesh.controlplane.publish.Published;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Load reports shaped as Envoy sends them, and the mesh they report on, for the tests here. */
final class EnvoyReports {
  private EnvoyReports() {}

  /** A locality's stats as Envoy reports them: zone, the instance as sub-zone, and counts. */
  static UpstreamLocalityStats locality(
      String instance, long issued, long succeeded, long errors, long inProgress) {
    return UpstreamLocalityStats.newBuilder()
        .setLocality(Locality.newBuilder().setZone("1").setSubZone(instance))
        .setTotalIssuedRequests(issued)
        .setTotalSuccessfulRequests(succeeded)
        .setTotalErrorRequests(errors)
        .setTotalRequestsInProgress(inProgress)
        .build();
  }

  static UpstreamLocalityStats withMetric(
      UpstreamLocalityStats locality, String name, long calls, double total) {
    return locality.toBuilder()
        .addLoadMetricStats(
            EndpointLoadMetricStats.newBuilder()
                .setMetricName(name)
                .setNumRequestsFinishedWithMetric(calls)
                .setTotalMetricValue(total))
        .build();
  }

  static ClusterStats cluster(String name, long dropped, UpstreamLocalityStats... localities) {
    return ClusterStats.newBuilder()
        .setClusterName(name)
        .addAllUpstreamLocalityStats(Arrays.asList(localities))
        .setTotalDroppedRequests(dropped)
        .setLoadReportInterval(Durations.fromSeconds(10))
        .build();
  }

  static LoadStatsRequest report(String node, ClusterStats... clusters) {
    return LoadStatsRequest.newBuilder()
        .setNode(Node.newBuilder().setId(node))
        .addAllClusterStats(Arrays.asList(clusters))
        .build();
  }

  /** "backend" with instances backend_0..n-1 and "web" with web_0..m-1, published at {@code at}. */
  static Published mesh(int backends, int webs, Instant at) {
    return new Published(
        MeshState.of(List.of(service("backend", backends), service("web", webs))), at);
  }

  private static MeshState.Service service(String name, int count) {
    List<Instance> instances =
        java.util.stream.IntStream.range(0, count)
            .mapToObj(
                i ->
                    new Instance(
                        name + "_" + i,
                        Integer.toString(i),
                        "10.0.0." + (i + 1),
                        "",
                        8080,
                        "1",
                        io.scalemesh.controlplane.mesh.InstanceState.READY,
                        "Succeeded",
                        "running",
                        "Healthy"))
            .toList();
    return new MeshState.Service(
        new ServiceSpec(name, BackendProtocol.GRPC, "/healthz"), instances);
  }
}
