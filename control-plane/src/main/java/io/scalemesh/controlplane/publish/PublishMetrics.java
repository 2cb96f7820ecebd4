package io.scalemesh.controlplane.publish;

import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import java.util.Collection;
import java.util.Optional;

/** What the publisher took in and did, in /metrics. */
public final class PublishMetrics implements PublishListener {
  private final ControlPlaneMetrics metrics;

  /**
   * Every scale set starts without a hold, so that an alert on the metric sees 0 before the first
   * 1.
   */
  public PublishMetrics(ControlPlaneMetrics metrics, Collection<String> services) {
    this.metrics = metrics;
    services.forEach(service -> metrics.removalHeld(service, false));
  }

  @Override
  public void reported(DiscoveryReport report) {
    metrics.discoveryRefresh(report.service(), report instanceof DiscoveryReport.Complete);
  }

  @Override
  public void published(Optional<Published> previous, Published next) {
    metrics.published(next.state().version(), next.at());
    next.state()
        .services()
        .forEach(service -> metrics.instances(service.name(), service.instances().size()));
  }

  @Override
  public void holdChanged(String service, Optional<PublishGuard.Hold> hold) {
    metrics.removalHeld(service, hold.isPresent());
  }
}
