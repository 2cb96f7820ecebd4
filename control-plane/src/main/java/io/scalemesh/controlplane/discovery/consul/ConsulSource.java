package io.scalemesh.controlplane.discovery.consul;

import io.scalemesh.controlplane.config.ConsulConfig;
import io.scalemesh.controlplane.config.DiscoveryConfig.ConsulDiscovery;
import io.scalemesh.controlplane.discovery.PollingLoop;
import io.scalemesh.controlplane.discovery.ServiceCapabilities;
import io.scalemesh.controlplane.mesh.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The consul kind: one Consul service as a mesh service, its health read by blocking queries in the
 * polling loop, each answer a complete report; it only discovers. Consul asks blocking clients to
 * rate-limit, so queries start at most once per {@code min_interval}: a catalog that changes all
 * the time would otherwise make the loop spin. A failed query is followed by a fresh (non-blocking)
 * one, so that recovery does not wait for the catalog to change.
 */
public final class ConsulSource {
  private final String service;
  private final Optional<String> tag;
  private final ConsulHealthClient client;

  /** Only the loop's thread reads and writes it. */
  private long index = BlockingIndex.FRESH;

  private ConsulSource(String service, Optional<String> tag, ConsulHealthClient client) {
    this.service = service;
    this.tag = tag;
    this.client = client;
  }

  /** The mesh service {@code service}, found in Consul as {@code discovery} says. */
  public static ServiceCapabilities capabilities(
      String service, ConsulDiscovery discovery, ConsulConfig consul, Clock clock) {
    ConsulHealthClient client = new ConsulHealthClient(consul, () -> token(consul));
    ConsulSource source =
        new ConsulSource(
            discovery.serviceOr(service), Optional.ofNullable(discovery.tag()), client);
    // Closing the client abandons a query in flight, which may otherwise block for minutes.
    return ServiceCapabilities.discoveryOnly(
        new PollingLoop(
                service, consul.minInterval(), source::query, new PollingLoop.Failures() {}, clock)
            .closing(client));
  }

  private List<Instance> query() throws ConsulException, InterruptedException {
    long sent = index;
    index = BlockingIndex.FRESH;
    ConsulHealthClient.Answer answer = client.health(service, tag, sent);
    List<Instance> instances = ConsulInstances.of(answer.entries());
    index = BlockingIndex.next(sent, answer.index());
    return instances;
  }

  private static Optional<String> token(ConsulConfig consul) {
    if (consul.tokenFile() == null) {
      return Optional.ofNullable(System.getenv("CONSUL_HTTP_TOKEN")).filter(t -> !t.isBlank());
    }
    try {
      return Optional.of(Files.readString(consul.tokenFile()).strip()).filter(t -> !t.isEmpty());
    } catch (IOException e) {
      // Reported like any failed query, and retried: the file may be being rotated.
      throw new UncheckedIOException(
          "cannot read consul.token_file " + consul.tokenFile() + ": " + e, e);
    }
  }
}
