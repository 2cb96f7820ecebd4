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
import java.util.Comparator;

/**
 * One service's ClusterLoadAssignment: every instance, with the health that decides its traffic.
 */
final class EndpointTranslator {
  private static final UInt32Value ONE = UInt32Value.of(1);

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

  /**
   * Each instance is its own locality (its zone, with the instance as sub-zone), because load
   * reports count calls per locality, and this is how they count per instance. Balancing stays as
   * it was: Envoy ignores localities unless a Cluster asks for locality-weighted balancing, which
   * Scalemesh's do not, and gRPC clients pick a locality by weight, then an endpoint in it, so
   * equal weights give every ready instance an equal share. A locality whose only instance is not
   * HEALTHY has no endpoint a gRPC client uses, and gets nothing (LocalityTrafficTest). The weight
   * is 1, never 0, which gRPC clients read as "no such locality"; it never changes, so a scale
   * event changes no other locality's weight (grpc-java issue 13064).
   */
  static ClusterLoadAssignment loadAssignment(MeshState.Service service) {
    ClusterLoadAssignment.Builder assignment =
        ClusterLoadAssignment.newBuilder().setClusterName(service.name());
    service.instances().stream()
        .sorted(Comparator.comparing(Instance::zone).thenComparing(Instance::name))
        .forEach(
            instance ->
                assignment.addEndpoints(
                    LocalityLbEndpoints.newBuilder()
                        .setLocality(locality(instance))
                        .setLoadBalancingWeight(ONE)
                        .addLbEndpoints(lbEndpoint(instance))));
    return assignment.build();
  }

  /** The locality {@code instance} is published in, and reported back in by load reports. */
  static Locality locality(Instance instance) {
    return Locality.newBuilder().setZone(instance.zone()).setSubZone(instance.name()).build();
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
