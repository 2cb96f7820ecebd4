package io.scalemesh.controlplane.xds;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.mesh.MeshState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One service's ClusterLoadAssignment: every instance, with the health that decides its traffic.
 */
final class EndpointTranslator {
  private EndpointTranslator() {}

  /**
   * The EDS health an instance is published with. Only HEALTHY instances get new requests, from
   * Envoy (which also needs its own health check to pass) and from gRPC clients (which use only
   * HEALTHY and UNKNOWN endpoints). DRAINING rather than removal lets requests in flight finish:
   * Envoy leaves its connections to a DRAINING host open, and gRPC clients close theirs gracefully,
   * after the RPCs on them end.
   */
  static HealthStatus healthStatus(InstanceState state) {
    return switch (state) {
      case READY -> HealthStatus.HEALTHY;
      case DRAINING -> HealthStatus.DRAINING;
      case BOOTING, UNHEALTHY -> HealthStatus.UNHEALTHY;
    };
  }

  static ClusterLoadAssignment loadAssignment(MeshState.Service service) {
    Map<String, List<Instance>> byZone = new TreeMap<>();
    for (Instance instance : service.instances()) {
      byZone.computeIfAbsent(instance.zone(), zone -> new ArrayList<>()).add(instance);
    }
    ClusterLoadAssignment.Builder assignment =
        ClusterLoadAssignment.newBuilder().setClusterName(service.name());
    byZone.forEach(
        (zone, instances) -> {
          long ready = instances.stream().filter(i -> i.state() == InstanceState.READY).count();
          LocalityLbEndpoints.Builder locality =
              LocalityLbEndpoints.newBuilder()
                  .setLocality(Locality.newBuilder().setZone(zone))
                  // Weighted by ready instances so that per-instance load stays even across zones
                  // for gRPC
                  // clients, which always balance by locality weight (Envoy does only with
                  // locality_weighted_lb_config, which Scalemesh does not set). Never 0, which gRPC
                  // clients
                  // read as "no such locality". The weights change with every scale event;
                  // grpc-java keeps
                  // in-flight streams across such updates (XdsEndToEndTest).
                  .setLoadBalancingWeight(UInt32Value.of((int) Math.max(1, ready)));
          instances.forEach(instance -> locality.addLbEndpoints(lbEndpoint(instance)));
          assignment.addEndpoints(locality);
        });
    return assignment.build();
  }

  private static LbEndpoint lbEndpoint(Instance instance) {
    return LbEndpoint.newBuilder()
        .setEndpoint(
            Endpoint.newBuilder()
                .setHostname(instance.name())
                .setAddress(
                    Address.newBuilder()
                        .setSocketAddress(
                            SocketAddress.newBuilder()
                                .setAddress(instance.privateIp())
                                .setPortValue(instance.port()))))
        .setHealthStatus(healthStatus(instance.state()))
        .build();
  }
}
