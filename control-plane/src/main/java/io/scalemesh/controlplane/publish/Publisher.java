package io.scalemesh.controlplane.publish;

import io.scalemesh.controlplane.coalesce.Coalescer;
import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.inventory.Inventory;
import io.scalemesh.controlplane.inventory.InventoryView;
import io.scalemesh.controlplane.mesh.MeshState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is published and when: discovery reports go into the inventory, the guard decides the mesh
 * state, and the sink serves it. Publishing runs on one thread and coalesces, so a burst of reports
 * is one publish of the newest inventory. Listeners are told everything that happened.
 */
public final class Publisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  /**
   * Reports closer together than this are one publish (sources polled at the same moment); a lone
   * report is published at once. Short, because a report that follows a publish within the hold-off
   * waits for it to end: at 20 ms, a drain reported right after a scale-out reached gRPC clients 8
   * ms later at the median (./run bench propagation).
   */
  private static final Duration HOLD_OFF = Duration.ofMillis(5);

  private static final Duration RETRY = Duration.ofSeconds(1);

  /**
   * A hold ends by itself once it has lasted its time: look again this often, even if no report
   * comes.
   */
  private static final Duration HOLD_CHECK = Duration.ofSeconds(1);

  private final Inventory inventory;
  private final PublishGuard guard;
  private final MeshSink sink;
  private final Clock clock;
  private final List<PublishListener> listeners = new CopyOnWriteArrayList<>();
  private final Coalescer publishing = new Coalescer("publisher", HOLD_OFF, this::publishNewest);
  private volatile Published current;

  /** The version of the state last refused by the sink, until another is published. */
  private String refusedVersion;

  private Map<String, PublishGuard.Hold> lastHolds = Map.of();
  private final AtomicBoolean holdCheckPending = new AtomicBoolean();

  public Publisher(Inventory inventory, PublishGuard guard, MeshSink sink, Clock clock) {
    this.inventory = inventory;
    this.guard = guard;
    this.sink = sink;
    this.clock = clock;
  }

  public void addListener(PublishListener listener) {
    listeners.add(listener);
  }

  /** Takes a report from any source thread. */
  public void accept(DiscoveryReport report) {
    listeners.forEach(listener -> listener.reported(report));
    if (inventory.accept(report)) {
      publishing.request();
    }
  }

  /**
   * Publishes a held removal of {@code service} now (an operator's call); false if nothing is held.
   */
  boolean releaseHold(String service) {
    boolean released = guard.release(service);
    if (released) {
      publishing.request();
    }
    return released;
  }

  /** The removals the guard holds now, by scale set. */
  public Map<String, PublishGuard.Hold> holds() {
    return guard.holds();
  }

  /** What is published now, if anything has been. */
  public Optional<Published> current() {
    return Optional.ofNullable(current);
  }

  public InventoryView inventory() {
    return inventory.view();
  }

  private void publishNewest() {
    holdCheckPending.set(false);
    InventoryView view = inventory.view();
    Optional<MeshState> next = guard.decide(view, clock.instant());
    noteHolds(guard.holds());
    if (next.isEmpty()) {
      return;
    }
    MeshState state = next.get();
    if (current != null && current.state().version().equals(state.version())) {
      refusedVersion = null;
      return;
    }
    if (state.version().equals(refusedVersion)) {
      return; // the same state would break the same rules: wait for discovery to change it
    }
    Instant at = clock.instant();
    try {
      sink.serve(state, at);
    } catch (StateRefusedException e) {
      refusedVersion = state.version();
      listeners.forEach(listener -> listener.refused(state, Optional.ofNullable(current), e));
      return;
    } catch (RuntimeException e) {
      // Proxies may hold part of it; publishing again is safe (same content, same versions).
      LOG.error("publishing failed, retrying in {}", RETRY, e);
      publishing.requestIn(RETRY);
      return;
    }
    refusedVersion = null;
    guard.published(state);
    Optional<Published> previous = Optional.ofNullable(current);
    current = new Published(state, at);
    listeners.forEach(listener -> listener.published(previous, current));
  }

  /** Tells the listeners which holds began or ended, and looks again while any lasts. */
  private void noteHolds(Map<String, PublishGuard.Hold> holds) {
    lastHolds.keySet().stream()
        .filter(service -> !holds.containsKey(service))
        .forEach(
            service ->
                listeners.forEach(listener -> listener.holdChanged(service, Optional.empty())));
    holds.entrySet().stream()
        .filter(hold -> !lastHolds.containsKey(hold.getKey()))
        .forEach(
            hold ->
                listeners.forEach(
                    listener -> listener.holdChanged(hold.getKey(), Optional.of(hold.getValue()))));
    lastHolds = holds;
    if (!holds.isEmpty() && holdCheckPending.compareAndSet(false, true)) {
      publishing.requestIn(HOLD_CHECK);
    }
  }

  @Override
  public void close() {
    publishing.close();
  }
}
