package io.scalemesh.controlplane;

import io.scalemesh.controlplane.autoscale.AutoscalePolicy;
import io.scalemesh.controlplane.autoscale.Autoscaler;
import io.scalemesh.controlplane.autoscale.CloudAutoscale;
import io.scalemesh.controlplane.autoscale.CpuHistory;
import io.scalemesh.controlplane.autoscale.CpuSource;
import io.scalemesh.controlplane.config.DiscoveryConfig.AzureVmTagsDiscovery;
import io.scalemesh.controlplane.config.DiscoveryConfig.AzureVmssDiscovery;
import io.scalemesh.controlplane.config.DiscoveryConfig.ConsulDiscovery;
import io.scalemesh.controlplane.config.ScalemeshConfig;
import io.scalemesh.controlplane.config.ServiceConfig;
import io.scalemesh.controlplane.config.DiscoveryConfig.SimulatedDiscovery;
import io.scalemesh.controlplane.console.ConsoleApiServer;
import io.scalemesh.controlplane.discovery.DiscoverySource;
import io.scalemesh.controlplane.discovery.azure.AzureSession;
import io.scalemesh.controlplane.discovery.azure.AzureVmTagsSource;
import io.scalemesh.controlplane.discovery.azure.AzureVmssSource;
import io.scalemesh.controlplane.discovery.consul.ConsulSource;
import io.scalemesh.controlplane.discovery.simulated.SimulatedScaleSet;
import io.scalemesh.controlplane.inventory.Inventory;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import io.scalemesh.controlplane.publish.LastPublishedFile;
import io.scalemesh.controlplane.publish.PublishGuard;
import io.scalemesh.controlplane.publish.Publisher;
import io.scalemesh.controlplane.rest.RestApi;
import io.scalemesh.controlplane.scale.AuditLog;
import io.scalemesh.controlplane.scale.ScaleActions;
import io.scalemesh.controlplane.scale.ScaleController;
import io.scalemesh.controlplane.simulation.LoadDriver;
import io.scalemesh.controlplane.status.StatusHub;
import io.scalemesh.controlplane.time.ScaledClock;
import io.scalemesh.controlplane.xds.EdgeSettings;
import io.scalemesh.controlplane.xds.ProxyRegistry;
import io.scalemesh.controlplane.xds.ProxyStatus;
import io.scalemesh.controlplane.xds.XdsServer;
import io.scalemesh.controlplane.xds.XdsTranslator;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A running control plane: the wiring of DESIGN.md's pipeline and the servers around it. Sources
 * report into the publisher; the publisher serves xDS; the REST API and the status stream read
 * what is published; scale actions (operators', the autoscaler's) go to the sources that can scale.
 */
public final class ControlPlane implements AutoCloseable {
  private final ScalemeshConfig config;
  private final ScaledClock clock;
  private final List<DiscoverySource> sources;
  private final ProxyRegistry proxies;
  private final XdsServer xds;
  private final Publisher publisher;
  private final RestApi rest;
  private final ScaleActions scaling;
  private final Autoscaler autoscaler;
  private final StatusHub status;
  private final ConsoleApiServer consoleApi;
  private final List<AutoCloseable> started = new ArrayList<>();

  private ControlPlane(ScalemeshConfig config, List<DiscoverySource> sources, ScaledClock clock,
      ControlPlaneMetrics metrics) {
    this.config = config;
    this.clock = clock;
    this.sources = List.copyOf(sources);
    List<ServiceSpec> services = config.services().stream().map(ServiceConfig::spec).toList();
    this.proxies = new ProxyRegistry(clock, metrics);
    this.xds = new XdsServer(address(config.xds()), Optional.ofNullable(config.xds().tls()), proxies);
    PublishGuard guard = new PublishGuard(services, config.guard());
    Optional<LastPublishedFile> lastPublished =
        Optional.ofNullable(config.guard().lastPublishedFile()).map(file -> new LastPublishedFile(file, clock));
    lastPublished.ifPresent(file -> guard.remember(file.load(config.guard().rememberFor())));
    this.publisher = new Publisher(
        new Inventory(services.stream().map(ServiceSpec::name).collect(Collectors.toSet())),
        guard,
        new XdsTranslator(new EdgeSettings(config.edge().listenerName(), config.edge().port())),
        xds,
        metrics,
        clock);
    this.rest = new RestApi(publisher, metrics);
    CpuHistory cpu = new CpuHistory();
    Map<String, AutoscalePolicy> policies =
        config.services().stream().collect(Collectors.toMap(ServiceConfig::name, s -> s.autoscale().policy()));
    this.scaling = new ScaleActions(
        sourcesOf(ScaleController.class, ScaleController::scaleSet),
        policies,
        sourcesOf(CloudAutoscale.class, CloudAutoscale::scaleSet),
        publisher::releaseHold,
        new AuditLog(config.consoleApi().auditLog()),
        clock,
        action -> status().scaled(action));
    this.autoscaler = new Autoscaler(
        List.copyOf(sourcesOf(CpuSource.class, CpuSource::scaleSet).values()), ownAutoscale(policies), scaling, cpu,
        clock);
    this.status = StatusHub.create(
        config.services().stream().collect(Collectors.toMap(ServiceConfig::name, s -> s.discovery().kind())),
        publisher, scaling, autoscaler, cpu, proxies::proxies, clock);
    publisher.addListener(status);
    lastPublished.ifPresent(publisher::addListener);
    proxies.onNack(status::nacked);
    this.consoleApi = new ConsoleApiServer(config.consoleApi(), status, scaling);
  }

  /** Starts the servers, then discovery from the sources the configuration names. */
  public static ControlPlane start(ScalemeshConfig config, Clock clock) {
    ScaledClock scaled = new ScaledClock(clock, config.simulation().timeScale());
    ControlPlaneMetrics metrics = new ControlPlaneMetrics();
    Supplier<AzureSession> azure = memoize(() -> AzureSession.connect(
        config.azure(), AzureSession.credential(config.azure()), metrics::azureResponse));
    return start(config, config.services().stream().map(service -> source(config, service, azure, scaled)).toList(),
        scaled, metrics);
  }

  /**
   * Starts the servers, then discovery from these sources, one per configured service; returns
   * once everything listens.
   */
  public static ControlPlane start(ScalemeshConfig config, List<DiscoverySource> sources, Clock clock) {
    return start(config, sources, clock, new ControlPlaneMetrics());
  }

  private static ControlPlane start(ScalemeshConfig config, List<DiscoverySource> sources, Clock clock,
      ControlPlaneMetrics metrics) {
    Set<String> configured = config.services().stream().map(ServiceConfig::name).collect(Collectors.toSet());
    Set<String> given = sources.stream().map(DiscoverySource::scaleSet).collect(Collectors.toSet());
    if (!configured.equals(given) || given.size() != sources.size()) {
      throw new IllegalArgumentException("need one source per service " + configured + ", got " + given);
    }
    ScaledClock scaled = clock instanceof ScaledClock already ? already : new ScaledClock(clock, 1);
    ControlPlane plane = new ControlPlane(config, sources, scaled, metrics);
    try {
      plane.startAll();
    } catch (RuntimeException e) {
      plane.close();
      throw e;
    }
    return plane;
  }

  private void startAll() {
    started.add(xds.start());
    started.add(rest.start(address(config.api())));
    started.add(consoleApi.start());
    // Closed in reverse: the sources before the publisher they report to.
    started.add(publisher);
    started.add(status);
    sources.forEach(source -> {
      source.start(publisher::accept);
      started.add(source);
    });
    started.add(autoscaler.start());
    SimulationLoad.driverFor(config, xds.port(), clock).ifPresent(driver -> started.add(driver.start()));
  }

  private static DiscoverySource source(ScalemeshConfig config, ServiceConfig service, Supplier<AzureSession> azure,
      ScaledClock clock) {
    return switch (service.discovery()) {
      case SimulatedDiscovery simulated -> new SimulatedScaleSet(service.name(), simulated.capacity(),
          simulated.address(), simulated.bootTime(), simulated.drainTime(), simulated.cpuCapacity(), clock);
      case AzureVmssDiscovery vmss -> new AzureVmssSource(service.name(), vmss, azure.get(),
          service.autoscale().policy(), clock);
      case AzureVmTagsDiscovery tagged -> new AzureVmTagsSource(service.name(), tagged, azure.get(), clock);
      case ConsulDiscovery consul -> new ConsulSource(service.name(), consul, config.consul(), clock);
    };
  }

  /** One Azure session for all Azure sources, and none at all without them. */
  private static Supplier<AzureSession> memoize(Supplier<AzureSession> connect) {
    AtomicReference<AzureSession> session = new AtomicReference<>();
    return () -> session.updateAndGet(existing -> existing != null ? existing : connect.get());
  }

  /** The policies Scalemesh's autoscaler applies: none where the cloud autoscales (it only samples CPU there). */
  private Map<String, AutoscalePolicy> ownAutoscale(Map<String, AutoscalePolicy> policies) {
    Set<String> cloud = sourcesOf(CloudAutoscale.class, CloudAutoscale::scaleSet).keySet();
    return policies.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> cloud.contains(e.getKey()) ? e.getValue().disabled() : e.getValue()));
  }

  private <T> Map<String, T> sourcesOf(Class<T> type, Function<T, String> name) {
    return sources.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toMap(name, s -> s));
  }

  /**
   * The status hub is built after the scale actions it reports on; the actions' listener reaches it
   * through here, because a lambda may not read a final field before the constructor assigns it.
   * Actions only happen once everything has started.
   */
  private StatusHub status() {
    return status;
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

  public int consoleApiPort() {
    return consoleApi.port();
  }

  public Publisher publisher() {
    return publisher;
  }

  public List<ProxyStatus> proxies() {
    return proxies.proxies();
  }

  /** The controller that changes a scale set's capacity, if its source can. */
  public Optional<ScaleController> scaleController(String scaleSet) {
    return Optional.ofNullable(sourcesOf(ScaleController.class, ScaleController::scaleSet).get(scaleSet));
  }

  /** Stops what was started, newest first. */
  @Override
  public void close() {
    for (AutoCloseable part : started.reversed()) {
      try {
        part.close();
      } catch (Exception e) {
        // Keep closing the rest: a half-stopped control plane would hold its ports.
      }
    }
    started.clear();
  }
}
