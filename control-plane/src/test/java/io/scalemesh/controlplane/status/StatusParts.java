package io.scalemesh.controlplane.status;

import static org.awaitility.Awaitility.await;

import io.scalemesh.controlplane.audit.AuditLog;
import io.scalemesh.controlplane.autoscale.Autoscaler;
import io.scalemesh.controlplane.autoscale.CpuHistory;
import io.scalemesh.controlplane.config.GuardConfig;
import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.fixtures.ManualClock;
import io.scalemesh.controlplane.fixtures.RecordingScaleController;
import io.scalemesh.controlplane.inventory.Inventory;
import io.scalemesh.controlplane.mesh.BackendProtocol;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import io.scalemesh.controlplane.policy.AutoscalePolicy;
import io.scalemesh.controlplane.publish.PublishGuard;
import io.scalemesh.controlplane.publish.Publisher;
import io.scalemesh.controlplane.scale.ScaleActions;
import io.scalemesh.controlplane.time.ScaledClock;
import io.scalemesh.controlplane.traffic.TrafficLedger;
import io.scalemesh.controlplane.xds.Convergence;
import io.scalemesh.controlplane.xds.ProxyStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the status of one simulated service "backend" is built from, as plain objects on a manual
 * clock: a publisher whose sink takes every state, scale actions over a scale set of 3 (bounds
 * 1..6, autoscale rules on), an autoscaler that is never started, CPU history, the proxies the test
 * lists, and the event log.
 */
final class StatusParts implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
  static final AutoscalePolicy POLICY =
      AutoscalePolicy.cpuBand(
          1, 6, 2, 75, 25, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(2), 1);
  private static final Map<String, String> KINDS = Map.of("backend", "simulated");

  final ManualClock clock = new ManualClock(T0);
  final EventLog events = new EventLog(clock);
  final RecordingScaleController backend = RecordingScaleController.at(3);
  final CpuHistory cpu = new CpuHistory();
  final List<ProxyStatus> proxies = new CopyOnWriteArrayList<>();
  final Publisher publisher =
      new Publisher(
          new Inventory(Set.of("backend")),
          new PublishGuard(
              List.of(new ServiceSpec("backend", BackendProtocol.GRPC, "/healthz")),
              new GuardConfig(0.5, 10, null)),
          (state, at) -> {},
          clock);
  final ScaleActions scaling;
  private final Autoscaler autoscaler;
  final Convergence convergence = new Convergence(new ControlPlaneMetrics());
  final TrafficLedger traffic = new TrafficLedger(KINDS.keySet(), Duration.ofSeconds(10), clock);

  /**
   * @param dir where the audit log goes
   */
  StatusParts(Path dir) {
    scaling =
        new ScaleActions(
            Map.of("backend", backend),
            Map.of("backend", POLICY),
            Map.of(),
            new AuditLog(dir.resolve("audit.jsonl")),
            events,
            clock);
    autoscaler = new Autoscaler(Map.of(), Map.of(), scaling, cpu, new ScaledClock(clock, 1));
  }

  StatusBuilder builder() {
    return new StatusBuilder(
        KINDS,
        publisher,
        scaling,
        autoscaler,
        cpu,
        () -> List.copyOf(proxies),
        convergence,
        traffic,
        clock);
  }

  StatusStream stream() {
    return new StatusStream(builder(), cpu, convergence, traffic, events, clock);
  }

  /** Reports that "backend" has exactly these instances. */
  void report(Instance... instances) {
    publisher.accept(new DiscoveryReport.Complete("backend", List.of(instances), clock.instant()));
  }

  /** The same, then waits until they are published. */
  void publish(Instance... instances) {
    report(instances);
    await()
        .until(
            () ->
                publisher
                    .current()
                    .map(
                        published ->
                            Set.copyOf(published.state().services().getFirst().instances())
                                .equals(Set.of(instances)))
                    .orElse(false));
  }

  @Override
  public void close() {
    publisher.close();
  }
}
