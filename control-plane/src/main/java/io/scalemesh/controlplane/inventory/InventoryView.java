package io.scalemesh.controlplane.inventory;

import io.scalemesh.controlplane.mesh.Instance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inventory at one moment.
 *
 * @param instances the last good set of every scale set that has reported one
 * @param complete whether every configured scale set has reported a complete set at least once
 * @param lastUpdate when the newest complete set arrived, if any has
 * @param errors the error of every scale set whose last refresh failed
 */
public record InventoryView(
    Map<String, List<Instance>> instances,
    boolean complete,
    Optional<Instant> lastUpdate,
    Map<String, String> errors) {

  public InventoryView {
    instances = Map.copyOf(instances);
    errors = Map.copyOf(errors);
  }
}
