package io.scalemesh.controlplane.config;

import io.scalemesh.controlplane.mesh.BackendProtocol;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import java.util.regex.Pattern;

/**
 * One scale set and how the mesh exposes it.
 *
 * @param name the service name: xDS cluster and listener, gRPC target {@code xds:///name}
 * @param protocol grpc (default) or http
 * @param healthCheckPath the path Envoy probes on HTTP services (default /healthz)
 * @param discovery where its instances come from
 * @param autoscale its capacity bounds and autoscale rules
 */
public record ServiceConfig(String name, BackendProtocol protocol, String healthCheckPath, DiscoveryConfig discovery,
    AutoscaleConfig autoscale) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?");

  public ServiceConfig {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name '" + name
          + "' must be 1-63 lower-case letters, digits, '-' or '.', starting and ending with a letter or digit");
    }
    protocol = protocol == null ? BackendProtocol.GRPC : protocol;
    healthCheckPath = healthCheckPath == null ? "/healthz" : healthCheckPath;
    if (!healthCheckPath.startsWith("/")) {
      throw new IllegalArgumentException("health_check_path '" + healthCheckPath + "' must start with '/'");
    }
    if (discovery == null) {
      throw new IllegalArgumentException("discovery is missing");
    }
    autoscale = autoscale == null ? AutoscaleConfig.DEFAULT : autoscale;
  }

  public ServiceSpec spec() {
    return new ServiceSpec(name, protocol, healthCheckPath);
  }
}
