package io.scalemesh.controlplane.publish;

import io.scalemesh.controlplane.discovery.Instance;
import io.scalemesh.controlplane.inventory.InventoryView;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import java.util.List;
import java.util.Optional;

/**
 * Decides what may be published. Nothing is, until every scale set has been discovered
 * completely once after a start: publishing a partial mesh would route away from instances that
 * exist. Failed refreshes never reach here as removals (the inventory keeps the last good set).
 */
public final class PublishGuard {
  private final List<ServiceSpec> services;

  public PublishGuard(List<ServiceSpec> services) {
    this.services = List.copyOf(services);
  }

  /** The mesh state to publish for this view, or empty while nothing may be published. */
  public Optional<MeshState> decide(InventoryView view) {
    if (!view.complete()) {
      return Optional.empty();
    }
    return Optional.of(MeshState.of(services.stream()
        .map(spec -> new MeshState.Service(spec, instancesOf(view, spec)))
        .toList()));
  }

  private static List<Instance> instancesOf(InventoryView view, ServiceSpec spec) {
    return view.instances().getOrDefault(spec.name(), List.of());
  }
}
