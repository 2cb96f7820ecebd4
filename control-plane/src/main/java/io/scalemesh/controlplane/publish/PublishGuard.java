package io.scalemesh.controlplane.publish;

import io.scalemesh.controlplane.config.GuardConfig;
import io.scalemesh.controlplane.discovery.Instance;
import io.scalemesh.controlplane.discovery.InstanceState;
import io.scalemesh.controlplane.inventory.InventoryView;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides what may be published. Nothing is, until every scale set has been discovered
 * completely once after a start: publishing a partial mesh would route away from instances that
 * exist. Failed refreshes never reach here as removals (the inventory keeps the last good set).
 *
 * <p>A refresh in which more than a share of a scale set's routable instances vanish at once is
 * held, like Eureka's self-preservation: a source that suddenly sees half a fleet gone is more
 * often wrong than the fleet is. The vanished instances stay published as they were (additions
 * and state changes still go out) until the removal has persisted for the hold time, or an
 * operator releases it. Instances that drained first (DRAINING, then gone) are an orderly removal
 * and never count.
 */
public final class PublishGuard {
  /** A held removal: {@code gone} of {@code routable} instances vanished at once, first seen {@code since}. */
  public record Hold(int gone, int routable, Instant since, Optional<Instant> releasesAt) {}

  private final List<ServiceSpec> services;
  private final GuardConfig config;
  private final Map<String, List<Instance>> decided = new HashMap<>();
  private final Map<String, Hold> holds = new HashMap<>();
  private final Set<String> released = new HashSet<>();

  public PublishGuard(List<ServiceSpec> services, GuardConfig config) {
    this.services = List.copyOf(services);
    this.config = config;
  }

  /** The mesh state to publish for this view at {@code now}, or empty while nothing may be published. */
  public synchronized Optional<MeshState> decide(InventoryView view, Instant now) {
    if (!view.complete()) {
      return Optional.empty();
    }
    List<MeshState.Service> decidedServices = new ArrayList<>();
    for (ServiceSpec spec : services) {
      List<Instance> instances = guarded(spec.name(), view.instances().getOrDefault(spec.name(), List.of()), now);
      decided.put(spec.name(), instances);
      decidedServices.add(new MeshState.Service(spec, instances));
    }
    return Optional.of(MeshState.of(decidedServices));
  }

  /** Publishes the scale set's held removal at the next decision; false if nothing is held. */
  public synchronized boolean release(String scaleSet) {
    if (!holds.containsKey(scaleSet)) {
      return false;
    }
    released.add(scaleSet);
    return true;
  }

  /** The removals held now, by scale set. */
  public synchronized Map<String, Hold> holds() {
    return Map.copyOf(holds);
  }

  private List<Instance> guarded(String scaleSet, List<Instance> discovered, Instant now) {
    List<Instance> previous = decided.get(scaleSet);
    if (previous == null || released.remove(scaleSet)) {
      holds.remove(scaleSet);
      return discovered;
    }
    Set<String> present = discovered.stream().map(Instance::name).collect(Collectors.toSet());
    List<Instance> routable = previous.stream().filter(i -> i.state() != InstanceState.DRAINING).toList();
    List<Instance> vanished = previous.stream().filter(i -> !present.contains(i.name())).toList();
    long gone = routable.stream().filter(i -> !present.contains(i.name())).count();
    if (gone <= config.maxRemovalShare() * routable.size()) {
      holds.remove(scaleSet);
      return discovered;
    }
    Duration holdFor = config.holdFor();
    Hold hold = holds.computeIfAbsent(scaleSet, name -> new Hold((int) gone, routable.size(), now,
        holdFor.isZero() ? Optional.empty() : Optional.of(now.plus(holdFor))));
    if (hold.releasesAt().filter(at -> !now.isBefore(at)).isPresent()) {
      holds.remove(scaleSet);
      return discovered;
    }
    List<Instance> kept = new ArrayList<>(discovered);
    kept.addAll(vanished);
    return kept;
  }
}
