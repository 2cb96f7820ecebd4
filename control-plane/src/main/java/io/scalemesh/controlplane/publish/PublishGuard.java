package io.scalemesh.controlplane.publish;

import io.scalemesh.controlplane.config.GuardConfig;
import io.scalemesh.controlplane.inventory.InventoryView;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.mesh.ServiceSpec;
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
 * Decides what may be published. Nothing is, until every scale set has been discovered completely
 * once after a start: publishing a partial mesh would route away from instances that exist. Failed
 * refreshes never reach here as removals (the inventory keeps the last good set).
 *
 * <p>A refresh in which more than a share (and at least two) of a scale set's ready instances
 * vanish at once is held, like Eureka's self-preservation: a source that suddenly sees half a fleet
 * gone is more often wrong than the fleet is. The vanished instances stay published as they were
 * (additions and state changes still go out) until they come back, the removal has persisted for
 * the hold time, or an operator releases it. Only ready instances count: booting, unhealthy and
 * draining ones receive no traffic, and instances that drained first are an orderly removal. The
 * share is measured against the ready set the hold began with, so that new instances arriving
 * meanwhile do not dilute it.
 *
 * <p>A hold lives in this process. A restart measures its first discovery against the instances
 * last published before it when they are {@linkplain #remember remembered}, else publishes
 * discovery as it is.
 */
public final class PublishGuard {
  /**
   * A held removal: {@code gone} of {@code routable} ready instances vanished, the hold began
   * {@code since}; {@code instances} are the vanished ones still published.
   */
  public record Hold(
      int gone, int routable, Instant since, Optional<Instant> releasesAt, List<String> instances) {
    public Hold {
      instances = List.copyOf(instances);
    }
  }

  /** Fewer vanished instances than this are never held: replacing one instance is routine. */
  private static final int MIN_GONE = 2;

  private final List<ServiceSpec> services;
  private final GuardConfig config;

  /** What was last published per scale set: what a removal is measured against. */
  private final Map<String, List<Instance>> published = new HashMap<>();

  private final Map<String, Hold> holds = new HashMap<>();

  /**
   * The ready instances each hold began with: what the share is measured against while it lasts.
   */
  private final Map<String, List<Instance>> heldFrom = new HashMap<>();

  private final Set<String> released = new HashSet<>();

  /**
   * The service last decided per scale set, with the instances it was decided from: the same
   * instances give the same value again, neither sorted nor hashed (the translator then knows it).
   */
  private final Map<String, Decided> decided = new HashMap<>();

  private record Decided(List<Instance> from, MeshState.Service service) {}

  public PublishGuard(List<ServiceSpec> services, GuardConfig config) {
    this.services = List.copyOf(services);
    this.config = config;
  }

  /**
   * The mesh state to publish for this view at {@code now}, or empty while nothing may be
   * published.
   */
  public synchronized Optional<MeshState> decide(InventoryView view, Instant now) {
    if (!view.complete()) {
      return Optional.empty();
    }
    List<MeshState.Service> decidedServices = new ArrayList<>();
    for (ServiceSpec spec : services) {
      List<Instance> instances =
          guarded(spec.name(), view.instances().getOrDefault(spec.name(), List.of()), now);
      Decided last = decided.get(spec.name());
      if (last == null || !last.from().equals(instances)) {
        last = new Decided(instances, new MeshState.Service(spec, instances));
        decided.put(spec.name(), last);
      }
      decidedServices.add(last.service());
    }
    return Optional.of(MeshState.of(decidedServices));
  }

  /**
   * Notes that {@code state} went out: later removals are measured against it. A decided state that
   * was never published (the sink refused it) moves nothing, or a removal measured against it would
   * escape its hold.
   */
  public synchronized void published(MeshState state) {
    state.services().forEach(service -> published.put(service.name(), service.instances()));
  }

  /**
   * Takes what was published before a restart as the last decision, so that the first discovery
   * after it is held like any other; scale sets no longer configured are left out. Nothing is
   * published any sooner for it.
   */
  public synchronized void remember(Map<String, List<Instance>> lastPublished) {
    for (ServiceSpec spec : services) {
      Optional.ofNullable(lastPublished.get(spec.name()))
          .ifPresent(instances -> published.put(spec.name(), instances));
    }
  }

  /** Publishes the scale set's held removal at the next decision; false if nothing is held. */
  public synchronized boolean release(String service) {
    if (!holds.containsKey(service)) {
      return false;
    }
    released.add(service);
    return true;
  }

  /** The removals held now, by scale set. */
  public synchronized Map<String, Hold> holds() {
    return Map.copyOf(holds);
  }

  private List<Instance> guarded(String service, List<Instance> discovered, Instant now) {
    List<Instance> previous = published.get(service);
    if (previous == null || released.remove(service)) {
      return endHold(service, discovered);
    }
    Set<String> present = discovered.stream().map(Instance::name).collect(Collectors.toSet());
    List<Instance> ready =
        heldFrom.getOrDefault(
            service, previous.stream().filter(i -> i.state() == InstanceState.READY).toList());
    List<String> gone =
        ready.stream().map(Instance::name).filter(name -> !present.contains(name)).toList();
    if (gone.size() < MIN_GONE || gone.size() <= config.maxRemovalShare() * ready.size()) {
      return endHold(service, discovered);
    }
    Hold started = holds.get(service);
    Instant since = started == null ? now : started.since();
    Optional<Instant> releasesAt =
        config.holdFor().isZero() ? Optional.empty() : Optional.of(since.plus(config.holdFor()));
    if (releasesAt.filter(at -> !now.isBefore(at)).isPresent()) {
      return endHold(service, discovered);
    }
    heldFrom.putIfAbsent(service, ready);
    List<Instance> kept = new ArrayList<>(discovered);
    previous.stream().filter(i -> gone.contains(i.name())).forEach(kept::add);
    holds.put(service, new Hold(gone.size(), ready.size(), since, releasesAt, gone));
    return kept;
  }

  private List<Instance> endHold(String service, List<Instance> discovered) {
    holds.remove(service);
    heldFrom.remove(service);
    return discovered;
  }
}
