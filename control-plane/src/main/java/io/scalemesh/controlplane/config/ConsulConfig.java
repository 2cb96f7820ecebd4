package io.scalemesh.controlplane.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach Consul, shared by every service discovered through it.
 *
 * @param address the agent's HTTP(S) API, e.g. {@code http://127.0.0.1:8500}
 * @param tokenFile a file holding the ACL token; without it, the {@code CONSUL_HTTP_TOKEN}
 *     environment variable, else no token
 * @param datacenter the datacenter to ask about (default: the agent's own)
 * @param tls trust and client certificate for an {@code https} address
 * @param waitSeconds how long one blocking query may wait for a change (at most 600)
 * @param minIntervalMillis the least time between two queries of one service, so that a catalog
 *     that changes constantly cannot make the loop spin
 */
public record ConsulConfig(
    URI address,
    Path tokenFile,
    String datacenter,
    Tls tls,
    int waitSeconds,
    int minIntervalMillis) {

  public ConsulConfig {
    if (!"http".equals(address.getScheme()) && !"https".equals(address.getScheme())
        || address.getHost() == null) {
      throw new IllegalArgumentException(
          "address '" + address + "' must be an http:// or https:// URL with a host");
    }
    datacenter = datacenter == null || datacenter.isBlank() ? null : datacenter;
    if (waitSeconds < 1 || waitSeconds > 600) {
      throw new IllegalArgumentException(
          "wait_seconds " + waitSeconds + " must be 1-600 (Consul caps a wait at 10 minutes)");
    }
    if (minIntervalMillis < 0) {
      throw new IllegalArgumentException("min_interval_millis must be 0 or more");
    }
    if (tls != null && !"https".equals(address.getScheme())) {
      throw new IllegalArgumentException(
          "tls is set but the address '" + address + "' is not https://");
    }
  }

  public Duration blockingWait() {
    return Duration.ofSeconds(waitSeconds);
  }

  public Duration minInterval() {
    return Duration.ofMillis(minIntervalMillis);
  }

  /**
   * PEM files. Without a CA file the JVM's trust store applies.
   *
   * @param caFile the CA certificates that sign Consul's server certificate
   * @param certificate the client certificate, when Consul verifies incoming connections
   * @param privateKey its key, PKCS#8
   */
  public record Tls(Path caFile, Path certificate, Path privateKey) {
    public Tls {
      if ((certificate == null) != (privateKey == null)) {
        throw new IllegalArgumentException(
            "tls needs both certificate and private_key, or neither");
      }
    }
  }
}
