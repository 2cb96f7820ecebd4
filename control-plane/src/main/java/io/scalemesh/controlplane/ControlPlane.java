package io.scalemesh.controlplane;

import io.scalemesh.controlplane.config.ScalemeshConfig;
import io.scalemesh.controlplane.config.ServiceConfig;
import io.scalemesh.controlplane.config.SimulatedDiscovery;
import io.scalemesh.controlplane.discovery.DiscoverySource;
import io.scalemesh.controlplane.discovery.simulated.SimulatedScaleSet;
import io.scalemesh.controlplane.inventory.Inventory;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import io.scalemesh.controlplane.publish.PublishGuard;
import io.scalemesh.controlplane.publish.Publisher;
import io.scalemesh.controlplane.rest.RestApi;
import io.scalemesh.controlplane.scale.ScaleController;
import io.scalemesh.controlplane.xds.EdgeSettings;
import io.scalemesh.controlplane.xds.ProxyRegistry;
import io.scalemesh.controlplane.xds.ProxyStatus;
import io.scalemesh.controlplane.xds.XdsServer;
import io.scalemesh.controlplane.xds.XdsTranslator;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A running control plane: the wiring of DESIGN.md's pipeline and the servers around it. Sources
 * report into the publisher; the publisher serves xDS; the REST API reads what is published.
 */
public final class ControlPlane implements AutoCloseable {
  private final List<DiscoverySource> sources;
  private final ProxyRegistry proxies;
  private final XdsServer xds;
  private final Publisher publisher;
  private final RestApi rest;

  private ControlPlane(ScalemeshConfig config, List<DiscoverySource> sources, Clock clock) {
    ControlPlaneMetrics metrics = new ControlPlaneMetrics();
    List<ServiceSpec> services = config.services().stream().map(ServiceConfig::spec).toList();
    this.sources = List.copyOf(sources);
    this.proxies = new ProxyRegistry(clock, metrics);
    this.xds = new XdsServer(address(config.xds()), proxies);
    this.publisher = new Publisher(
        new Inventory(services.stream().map(ServiceSpec::name).collect(Collectors.toSet())),
        new PublishGuard(services),
        new XdsTranslator(new EdgeSettings(config.edge().listenerName(), config.edge().port())),
        xds,
        metrics,
        clock);
    this.rest = new RestApi(publisher, metrics);
  }

  /** Starts the servers, then discovery from the sources the configuration names. */
  public static ControlPlane start(ScalemeshConfig config, Clock clock) {
    return start(config, config.services().stream().map(service -> source(service, clock)).toList(), clock);
  }

  /**
   * Starts the servers, then discovery from these sources, one per configured service; returns
   * once everything listens.
   */
  public static ControlPlane start(ScalemeshConfig config, List<DiscoverySource> sources, Clock clock) {
    Set<String> configured = config.services().stream().map(ServiceConfig::name).collect(Collectors.toSet());
    Set<String> given = sources.stream().map(DiscoverySource::scaleSet).collect(Collectors.toSet());
    if (!configured.equals(given) || given.size() != sources.size()) {
      throw new IllegalArgumentException("need one source per service " + configured + ", got " + given);
    }
    ControlPlane plane = new ControlPlane(config, sources, clock);
    try {
      plane.xds.start();
      plane.rest.start(address(config.api()));
      plane.sources.forEach(source -> source.start(plane.publisher::accept));
    } catch (RuntimeException e) {
      plane.close();
      throw e;
    }
    return plane;
  }

  private static DiscoverySource source(ServiceConfig service, Clock clock) {
    return switch (service.discovery()) {
      case SimulatedDiscovery simulated -> new SimulatedScaleSet(service.name(), simulated.capacity(),
          simulated.address(), simulated.bootTime(), simulated.drainTime(), clock);
    };
  }

  private static InetSocketAddress address(ScalemeshConfig.Listen listen) {
    return new InetSocketAddress(listen.address(), listen.port());
  }

  public int xdsPort() {
    return xds.port();
  }

  public int apiPort() {
    return rest.port();
  }

  public Publisher publisher() {
    return publisher;
  }

  public List<ProxyStatus> proxies() {
    return proxies.proxies();
  }

  /** The controller that changes a scale set's capacity, if its source can. */
  public Optional<ScaleController> scaleController(String scaleSet) {
    return sources.stream()
        .filter(source -> source.scaleSet().equals(scaleSet))
        .filter(ScaleController.class::isInstance)
        .map(ScaleController.class::cast)
        .findFirst();
  }

  @Override
  public void close() {
    sources.forEach(DiscoverySource::close);
    publisher.close();
    rest.close();
    xds.close();
  }
}
