package io.scalemesh.controlplane.xds;

import io.envoyproxy.controlplane.cache.v3.SimpleCache;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.controlplane.server.DefaultExecutorGroup;
import io.envoyproxy.controlplane.server.V3DiscoveryServer;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.scalemesh.controlplane.config.ScalemeshConfig.ServerTls;
import io.scalemesh.controlplane.grpc.GrpcServers;
import io.scalemesh.controlplane.tls.PemTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ADS server (java-control-plane) that Envoy and proxyless gRPC clients connect to. Every node
 * gets the same snapshot: the mesh has one view of the world.
 */
public final class XdsServer implements AutoCloseable {
  private static final String ALL_NODES = "mesh";

  /** More streams on one connection wait, queued by the client, until one ends. */
  public static final int MAX_STREAMS_PER_CONNECTION = 100;

  /** A larger request ends its stream with RESOURCE_EXHAUSTED. */
  public static final int MAX_REQUEST_BYTES = 1 << 20;

  private final SimpleCache<String> cache = new SimpleCache<>(node -> ALL_NODES);
  private final ProxyRegistry registry;
  private final InitialPushAdmission admission;
  private final Server server;

  /** The hash of every resource last published, each found valid then. */
  private Set<String> valid = Set.of();

  /** The same without admission control: for tests and benchmarks of the server alone. */
  public XdsServer(
      InetSocketAddress bindAddress,
      Optional<ServerTls> tls,
      ProxyRegistry registry,
      List<BindableService> beside) {
    this(bindAddress, tls, registry, InitialPushAdmission.unbounded(), beside);
  }

  /**
   * Plaintext without {@code tls}; {@code beside} are served on the same port (load reporting),
   * since proxies reach the control plane at one address. First pushes go through {@code
   * admission}.
   */
  public XdsServer(
      InetSocketAddress bindAddress,
      Optional<ServerTls> tls,
      ProxyRegistry registry,
      InitialPushAdmission admission,
      List<BindableService> beside) {
    this.registry = registry;
    this.admission = admission;
    DeltaNacks deltaNacks = new DeltaNacks();
    V3DiscoveryServer discovery =
        new V3DiscoveryServer(
            List.of(registry, deltaNacks, admission),
            admission.watching(new NackAwareConfigWatcher(cache, registry, deltaNacks)),
            new DefaultExecutorGroup(),
            new PackOnceSerializer());
    NettyServerBuilder builder =
        tls.map(t -> NettyServerBuilder.forAddress(bindAddress, PemTls.serverCredentials(t)))
            .orElseGet(() -> NettyServerBuilder.forAddress(bindAddress));
    beside.forEach(builder::addService);
    this.server =
        builder
            .addService(discovery.getAggregatedDiscoveryServiceImpl())
            // Envoy and gRPC clients hold one ADS stream per connection and send requests of a few
            // KiB;
            // these bound what one misbehaving client can take (gRPC's defaults: unlimited and 4
            // MiB).
            .maxConcurrentCallsPerConnection(MAX_STREAMS_PER_CONNECTION)
            .maxInboundMessageSize(MAX_REQUEST_BYTES)
            .build();
  }

  public XdsServer start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for xDS", e);
    }
    return this;
  }

  /** The port it listens on (useful when bound to port 0). */
  public int port() {
    return server.getPort();
  }

  /**
   * Makes these resources what every proxy gets; only types whose version changed are re-sent.
   * Resources are checked with Envoy's own rules first: proxies would reject a broken one (Envoy
   * and gRPC clients alike keep their previous copy and NACK), so none is served and nobody is left
   * waiting for a version that can never be acknowledged.
   *
   * @throws InvalidResourcesException naming the resources that break a rule; nothing was published
   */
  public synchronized void publish(XdsResources resources, Instant at) {
    List<InvalidResourcesException.InvalidResource> invalid =
        resources.invalid(EnvoyResources.VALIDATOR, valid);
    if (!invalid.isEmpty()) {
      throw new InvalidResourcesException(invalid);
    }
    valid = resources.hashes();
    registry.published(resources, at);
    cache.setSnapshot(
        ALL_NODES,
        Snapshot.create(
            resources.clusters().resources(), resources.clusters().version(),
            resources.endpoints().resources(), resources.endpoints().version(),
            resources.listeners().resources(), resources.listeners().version(),
            resources.routes().resources(), resources.routes().version(),
            List.of(), ""));
  }

  @Override
  public void close() {
    GrpcServers.stopGracefully(server, Duration.ofSeconds(2));
    admission.close();
  }
}
