package io.scalemesh.controlplane.rest;

import io.scalemesh.controlplane.inventory.InventoryView;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.publish.Published;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code GET /api/vms}: the seed's shape ({@code last_update}, {@code total_vms},
 * {@code snapshot_version}, {@code vms[].name/public_ip/private_ip}) plus fields an operator wants
 * beside them. Field names are written in snake_case.
 */
record VmsView(String lastUpdate, int totalVms, String snapshotVersion, List<Vm> vms) {

  record Vm(
      String name,
      String publicIp,
      String privateIp,
      String scaleSet,
      String instanceId,
      int port,
      String zone,
      String state,
      String provisioningState,
      String powerState,
      String healthState,
      Map<String, String> labels) {}

  /** The published instances; before anything is published, none and no version. */
  static VmsView of(Optional<Published> published, InventoryView inventory) {
    List<Vm> vms = new ArrayList<>();
    published.ifPresent(
        p -> {
          for (MeshState.Service service : p.state().services()) {
            for (Instance i : service.instances()) {
              vms.add(
                  new Vm(
                      i.name(),
                      i.publicIp(),
                      i.privateIp(),
                      service.name(),
                      i.instanceId(),
                      i.port(),
                      i.zone(),
                      i.state().name().toLowerCase(Locale.ROOT),
                      i.provisioningState(),
                      i.powerState(),
                      i.healthState(),
                      i.labels()));
            }
          }
        });
    return new VmsView(
        inventory.lastUpdate().map(Instant::toString).orElse(null),
        vms.size(),
        published.map(p -> p.state().version()).orElse(null),
        vms);
  }
}
