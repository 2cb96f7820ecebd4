package io.scalemesh.controlplane.mesh;

import java.util.Objects;

/**
 * How one scale set is exposed in the mesh, from configuration.
 *
 * @param name service name: the xDS cluster, the gRPC target {@code xds:///name}, the edge host
 * @param protocol how instances are spoken to
 * @param healthCheckPath the HTTP path Envoy probes (HTTP services only)
 */
public record ServiceSpec(String name, BackendProtocol protocol, String healthCheckPath) {
  public ServiceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(healthCheckPath, "healthCheckPath");
  }
}
