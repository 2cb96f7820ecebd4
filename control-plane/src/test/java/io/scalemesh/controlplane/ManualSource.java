package io.scalemesh.controlplane;

import static org.awaitility.Awaitility.await;

import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.discovery.DiscoverySource;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.discovery.ServiceCapabilities;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** A discovery source that reports what the test tells it to, when it tells it to. */
public final class ManualSource implements DiscoverySource {
  private final String service;
  private volatile Consumer<DiscoveryReport> reports;

  public ManualSource(String service) {
    this.service = service;
  }

  @Override
  public String service() {
    return service;
  }

  @Override
  public void start(Consumer<DiscoveryReport> reports) {
    this.reports = reports;
  }

  public void report(List<Instance> instances) {
    reports.accept(new DiscoveryReport.Complete(service, instances, Instant.now()));
  }

  public void fail(String error) {
    reports.accept(new DiscoveryReport.Failed(service, error, Instant.now()));
  }

  @Override
  public void close() {}

  /** This source as a discovery kind that only discovers. */
  public ServiceCapabilities capabilities() {
    return ServiceCapabilities.discoveryOnly(this);
  }

  /** A control plane over this source alone (config from {@link TestConfigs#simulated}), nothing reported yet. */
  public ControlPlane plane(Path dir) {
    return ControlPlane.startWith(TestConfigs.simulated(dir, 1, 0, 0), List.of(capabilities()), Clock.systemUTC());
  }

  /** The same, having published these. */
  public ControlPlane planePublishing(Path dir, List<Instance> instances) {
    ControlPlane plane = plane(dir);
    report(instances);
    await().until(() -> plane.publisher().current().isPresent());
    return plane;
  }

  /** A ready instance named {@code vm-N} at 10.0.0.N:8080 in zone (N mod 3)+1. */
  public static Instance vm(int n) {
    return vm(n, InstanceState.READY);
  }

  public static Instance vm(int n, InstanceState state) {
    return new Instance("vm-" + n, Integer.toString(n), "10.0.0." + n, n % 2 == 0 ? "20.0.0." + n : "",
        8080, Integer.toString(n % 3 + 1), state, "Succeeded", "running", "Healthy");
  }
}
