package io.scalemesh.controlplane.inventory;

import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.mesh.Instance;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last good set of instances of every configured scale set. A failed refresh records its error
 * and changes nothing else: a source's fault never removes instances.
 */
public final class Inventory {
  private final Set<String> services;
  private final Map<String, List<Instance>> lastGood = new HashMap<>();
  private final Map<String, String> errors = new HashMap<>();
  private Instant lastUpdate;

  public Inventory(Set<String> services) {
    this.services = Set.copyOf(services);
  }

  /** Takes one report; returns whether the view changed (instances, completeness or errors). */
  public synchronized boolean accept(DiscoveryReport report) {
    if (!services.contains(report.service())) {
      throw new IllegalArgumentException(
          "no scale set named " + report.service() + " is configured");
    }
    return switch (report) {
      case DiscoveryReport.Complete complete -> {
        lastUpdate = complete.at();
        boolean recovered = errors.remove(complete.service()) != null;
        List<Instance> previous = lastGood.put(complete.service(), complete.instances());
        yield recovered || !complete.instances().equals(previous);
      }
      case DiscoveryReport.Failed failed ->
          !failed.error().equals(errors.put(failed.service(), failed.error()));
    };
  }

  public synchronized InventoryView view() {
    return new InventoryView(
        lastGood, lastGood.keySet().containsAll(services), Optional.ofNullable(lastUpdate), errors);
  }
}
