package io.scalemesh.controlplane;

import io.scalemesh.controlplane.audit.AuditLog;
import io.scalemesh.controlplane.autoscale.Autoscaler;
import io.scalemesh.controlplane.autoscale.CpuHistory;
import io.scalemesh.controlplane.config.ScalemeshConfig;
import io.scalemesh.controlplane.config.ServiceConfig;
import io.scalemesh.controlplane.console.ConsoleApiServer;
import io.scalemesh.controlplane.discovery.ServiceCapabilities;
import io.scalemesh.controlplane.discovery.azure.changes.ChangeEventReader;
import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.faults.CallFailureActions;
import io.scalemesh.controlplane.inventory.Inventory;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import io.scalemesh.controlplane.policy.AutoscalePolicy;
import io.scalemesh.controlplane.publish.HoldRelease;
import io.scalemesh.controlplane.publish.LastPublishedFile;
import io.scalemesh.controlplane.publish.PublishEvents;
import io.scalemesh.controlplane.publish.PublishGuard;
import io.scalemesh.controlplane.publish.PublishMetrics;
import io.scalemesh.controlplane.publish.Publisher;
import io.scalemesh.controlplane.rest.RestApi;
import io.scalemesh.controlplane.scale.ScaleActions;
import io.scalemesh.controlplane.scale.ScaleController;
import io.scalemesh.controlplane.simulation.LoadDriver;
import io.scalemesh.controlplane.status.StatusStream;
import io.scalemesh.controlplane.time.ScaledClock;
import io.scalemesh.controlplane.traffic.LoadReportService;
import io.scalemesh.controlplane.traffic.ScaleEventReports;
import io.scalemesh.controlplane.traffic.TrafficLedger;
import io.scalemesh.controlplane.xds.EdgeSettings;
import io.scalemesh.controlplane.xds.InitialPushAdmission;
import io.scalemesh.controlplane.xds.ProxyRegistry;
import io.scalemesh.controlplane.xds.ProxyStatus;
import io.scalemesh.controlplane.xds.XdsResources;
import io.scalemesh.controlplane.xds.XdsServer;
import io.scalemesh.controlplane.xds.XdsSink;
import io.scalemesh.controlplane.xds.XdsTranslator;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A running control plane: DESIGN.md's pipeline wired one stage after another, and the servers
 * around it. It holds no logic: each stage is built from the ones before it, then everything
 * starts, sources last.
 */
public final class ControlPlane implements AutoCloseable {
  private final ScalemeshConfig config;
  private final ScaledClock clock;
  private final Map<String, ServiceCapabilities> services;
  private final ProxyRegistry proxies;
  private final XdsServer xds;
  private final XdsSink served;
  private final Publisher publisher;
  private final Autoscaler autoscaler;
  private final RestApi rest;
  private final StatusStream status;
  private final ConsoleApiServer consoleApi;
  private final Optional<ChangeEventReader> changeEvents;
  private final ScaleEventReports scaleEventReports;
  private final EventLog events;
  private final List<AutoCloseable> started = new ArrayList<>();

  private ControlPlane(
      ScalemeshConfig config,
      List<ServiceCapabilities> services,
      ScaledClock clock,
      ControlPlaneMetrics metrics) {
    this.config = config;
    this.clock = clock;
    this.services =
        services.stream()
            .collect(Collectors.toMap(ServiceCapabilities::service, Function.identity()));
    List<ServiceSpec> specs = config.services().stream().map(ServiceConfig::spec).toList();
    Set<String> names = this.services.keySet();

    // What happened, for operators: every stage below writes here, the status stream reads it.
    EventLog events = new EventLog(clock);
    this.events = events;

    // How a mesh state reaches proxies: translated, checked, served over ADS; and what proxies
    // say of their calls, by load reports on the same port.
    this.proxies = new ProxyRegistry(clock, metrics, events);
    // Load reports count real calls per real second, also in the demo, whose clock runs faster.
    Clock realTime = clock.base();
    TrafficLedger traffic = new TrafficLedger(names, config.loadReports().interval(), realTime);
    this.xds =
        new XdsServer(
            address(config.xds().listen()),
            Optional.ofNullable(config.xds().tls()),
            proxies,
            new InitialPushAdmission(config.xds().maxInitialPushesInFlight(), metrics),
            List.of(new LoadReportService(traffic, metrics, realTime)));
    this.served =
        new XdsSink(
            new XdsTranslator(new EdgeSettings(config.edge().listenerName(), config.edge().port())),
            xds,
            metrics);

    // What is published and when: discovery into the inventory, through the guard, to the sink.
    PublishGuard guard = new PublishGuard(specs, config.guard());
    Optional<LastPublishedFile> lastPublished =
        Optional.ofNullable(config.guard().lastPublishedFile())
            .map(file -> new LastPublishedFile(file, clock));
    lastPublished.ifPresent(file -> guard.remember(file.load(config.guard().rememberFor())));
    this.publisher = new Publisher(new Inventory(names), guard, served, clock);
    publisher.addListener(new PublishMetrics(metrics, names));
    publisher.addListener(new PublishEvents(events));
    lastPublished.ifPresent(publisher::addListener);
    publisher.addListener(traffic);

    // Capacity: operators' and the autoscaler's changes, within bounds, audited.
    AuditLog audit = new AuditLog(config.consoleApi().auditLog());
    Map<String, AutoscalePolicy> policies =
        config.services().stream()
            .collect(Collectors.toMap(ServiceConfig::name, s -> s.autoscale().policy()));
    ScaleActions scaling =
        new ScaleActions(
            capabilities(ServiceCapabilities::scaler),
            policies,
            capabilities(ServiceCapabilities::cloudAutoscale),
            audit,
            events,
            clock);
    this.scaleEventReports = new ScaleEventReports(traffic, scaling::capacity, events, realTime);
    publisher.addListener(scaleEventReports);
    CpuHistory cpu = new CpuHistory();
    this.autoscaler =
        new Autoscaler(
            capabilities(ServiceCapabilities::cpu), ownAutoscale(policies), scaling, cpu, clock);

    // What operators see and do.
    this.rest = new RestApi(publisher, served, metrics);
    this.status =
        StatusStream.create(
            config.services().stream()
                .collect(Collectors.toMap(ServiceConfig::name, s -> s.discovery().kind())),
            publisher,
            scaling,
            autoscaler,
            cpu,
            proxies::proxies,
            proxies.convergence(),
            traffic,
            events,
            clock,
            clock::fromReal);
    this.consoleApi =
        new ConsoleApiServer(
            config.consoleApi(),
            status,
            scaling,
            new HoldRelease(publisher, audit, clock),
            new CallFailureActions(
                capabilities(ServiceCapabilities::callFailures), audit, events, clock));

    // Resource Manager's change events, when configured: the scale sets they name are read now.
    this.changeEvents =
        Optional.ofNullable(config.azure().changeEvents())
            .map(
                queue ->
                    ChangeEventReader.of(
                        config.azure(),
                        List.copyOf(capabilities(ServiceCapabilities::changeHints).values()),
                        events,
                        metrics));
  }

  /**
   * Starts the servers, then discovery of the services the configuration names, as their kinds bind
   * them.
   */
  public static ControlPlane start(ScalemeshConfig config, Clock clock) {
    ScaledClock scaled = new ScaledClock(clock, config.simulation().timeScale());
    ControlPlaneMetrics metrics = new ControlPlaneMetrics();
    return start(config, DiscoveryKinds.bind(config, scaled, metrics), scaled, metrics);
  }

  /**
   * Starts the servers, then discovery with these capabilities, one per configured service (a
   * test's or a benchmark's own sources); returns once everything listens.
   */
  public static ControlPlane startWith(
      ScalemeshConfig config, List<ServiceCapabilities> services, Clock clock) {
    ScaledClock scaled = clock instanceof ScaledClock already ? already : new ScaledClock(clock, 1);
    return start(config, services, scaled, new ControlPlaneMetrics());
  }

  private static ControlPlane start(
      ScalemeshConfig config,
      List<ServiceCapabilities> services,
      ScaledClock clock,
      ControlPlaneMetrics metrics) {
    Set<String> configured =
        config.services().stream().map(ServiceConfig::name).collect(Collectors.toSet());
    Set<String> given =
        services.stream().map(ServiceCapabilities::service).collect(Collectors.toSet());
    if (!configured.equals(given) || given.size() != services.size()) {
      throw new IllegalArgumentException(
          "need one source per service " + configured + ", got " + given);
    }
    ControlPlane plane = new ControlPlane(config, services, clock, metrics);
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
    started.add(scaleEventReports.start());
    Optional<LoadDriver> load = SimulationLoad.driverFor(config, xds.port(), clock);
    // Before the sources start, so that the first publication with a ready instance is seen.
    load.ifPresent(
        driver ->
            publisher.addListener(SimulationLoad.startOnceReady(driver.service(), driver::start)));
    services
        .values()
        .forEach(
            service -> {
              service.discovery().start(publisher::accept);
              started.add(service);
            });
    changeEvents.ifPresent(reader -> started.add(reader.start()));
    started.add(autoscaler.start());
    load.ifPresent(started::add); // closed first: no calls to instances the sources have let go
  }

  /** Each service's capability of this kind, by service, for those whose kind has it. */
  private <T> Map<String, T> capabilities(Function<ServiceCapabilities, Optional<T>> capability) {
    return services.values().stream()
        .filter(service -> capability.apply(service).isPresent())
        .collect(
            Collectors.toMap(
                ServiceCapabilities::service, service -> capability.apply(service).orElseThrow()));
  }

  /**
   * The policies Scalemesh's autoscaler applies: none where the cloud autoscales (it only samples
   * CPU there).
   */
  private Map<String, AutoscalePolicy> ownAutoscale(Map<String, AutoscalePolicy> policies) {
    Set<String> cloud = capabilities(ServiceCapabilities::cloudAutoscale).keySet();
    return policies.entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> cloud.contains(e.getKey()) ? e.getValue().disabled() : e.getValue()));
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

  /** The xDS resources served now, if any have been. */
  public Optional<XdsResources> served() {
    return served.current().map(XdsSink.Served::resources);
  }

  /** What happened, as operators are told. */
  public EventLog events() {
    return events;
  }

  public List<ProxyStatus> proxies() {
    return proxies.proxies();
  }

  /** The controller that changes a service's capacity, if its kind can. */
  public Optional<ScaleController> scaleController(String service) {
    return Optional.ofNullable(services.get(service)).flatMap(ServiceCapabilities::scaler);
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
