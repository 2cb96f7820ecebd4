package io.scalemesh.console.e2e;

import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.discovery.DiscoverySource;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Discovery of "backend" as the test says it is, when it says so: a fleet the test can make
 * vanish, which the simulated scale set never does. (control-plane's own ManualSource is a test
 * class, not on this module's class path.)
 */
final class DrivenSource implements DiscoverySource {
  private volatile Consumer<DiscoveryReport> reports;

  @Override
  public String service() {
    return "backend";
  }

  @Override
  public void start(Consumer<DiscoveryReport> reportTo) {
    this.reports = reportTo;
  }

  /** Reports that exactly these instances exist, each ready: vm-N at 10.0.0.N:8080. */
  void reportReady(int... numbers) {
    reports.accept(new DiscoveryReport.Complete(service(), Arrays.stream(numbers).mapToObj(DrivenSource::vm).toList(),
        Instant.now()));
  }

  private static Instance vm(int n) {
    return new Instance("vm-" + n, Integer.toString(n), "10.0.0." + n, "", 8080, "1", InstanceState.READY,
        "Succeeded", "running", "Healthy");
  }

  @Override
  public void close() {}
}
