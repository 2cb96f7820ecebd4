package io.scalemesh.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.scalemesh.controlplane.config.ScalemeshConfig.Listen;
import io.scalemesh.controlplane.config.ScalemeshConfig.ServerTls;

/**
 * The ADS server Envoy and gRPC clients connect to. In YAML the listen keys sit beside the others:
 * {@code xds: {address, port, tls, max_initial_pushes_in_flight}}.
 *
 * @param listen where it listens, and its TLS
 * @param maxInitialPushesInFlight how many streams may be sent their first response at once (sent,
 *     not yet acknowledged); the others wait their turn in arrival order. 0: no bound
 */
public record XdsConfig(Listen listen, int maxInitialPushesInFlight) {

  public XdsConfig {
    if (maxInitialPushesInFlight < 0) {
      throw new IllegalArgumentException(
          "max_initial_pushes_in_flight must be 0 (no bound) or more");
    }
  }

  @JsonCreator
  private static XdsConfig of(
      @JsonProperty("address") String address,
      @JsonProperty("port") int port,
      @JsonProperty("tls") ServerTls tls,
      @JsonProperty("max_initial_pushes_in_flight") int maxInitialPushesInFlight) {
    return new XdsConfig(new Listen(address, port, tls), maxInitialPushesInFlight);
  }

  public String address() {
    return listen.address();
  }

  public int port() {
    return listen.port();
  }

  public ServerTls tls() {
    return listen.tls();
  }
}
