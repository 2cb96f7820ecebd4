package io.scalemesh.controlplane.xds;

import com.google.common.net.InetAddresses;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import java.util.Optional;

/**
 * A rule Envoy's PGV annotations do not state but both consumers apply: an endpoint's address is an
 * IP address. Envoy's EDS refuses a name (it resolves none for endpoints), and grpc-java refuses
 * the whole assignment ("Address is not an IP").
 */
final class EndpointAddresses {
  private EndpointAddresses() {}

  static Optional<String> violation(Message resource) {
    if (!(resource instanceof ClusterLoadAssignment assignment)) {
      return Optional.empty();
    }
    return assignment.getEndpointsList().stream()
        .flatMap(locality -> locality.getLbEndpointsList().stream())
        .map(LbEndpoint::getEndpoint)
        .map(endpoint -> endpoint.getAddress().getSocketAddress().getAddress())
        .filter(address -> !address.isEmpty() && !InetAddresses.isInetAddress(address))
        .findFirst()
        .map(address -> "endpoint address '" + address + "' is not an IP address");
  }
}
