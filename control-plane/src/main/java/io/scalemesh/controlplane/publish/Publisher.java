package io.scalemesh.controlplane.publish;

import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.inventory.Inventory;
import io.scalemesh.controlplane.inventory.InventoryView;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import io.scalemesh.controlplane.xds.InvalidResourcesException;
import io.scalemesh.controlplane.xds.InvalidResourcesException.InvalidResource;
import io.scalemesh.controlplane.xds.XdsResources;
import io.scalemesh.controlplane.xds.XdsServer;
import io.scalemesh.controlplane.xds.XdsTranslator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the pipeline: discovery reports into the inventory, through the guard, to a new mesh
 * state, translated and served over xDS. Publishing runs on one thread and coalesces: a burst
 * of reports while a publish is pending leads to one publish of the newest inventory.
 */
public final class Publisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  private final Inventory inventory;
  private final PublishGuard guard;
  private final XdsTranslator translator;
  private final XdsServer xds;
  private final ControlPlaneMetrics metrics;
  private final Clock clock;
  private static final Duration RETRY = Duration.ofSeconds(1);
  private static final Duration HOLD_CHECK = Duration.ofSeconds(1);
  /** A broken translator could break every endpoint: the log and the event name the first few. */
  private static final int MAX_PROBLEMS_TOLD = 5;

  private final ScheduledExecutorService publishing =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("publisher").daemon().factory());
  private final AtomicBoolean pending = new AtomicBoolean();
  private final AtomicBoolean holdCheck = new AtomicBoolean();
  private final List<PublishListener> listeners = new CopyOnWriteArrayList<>();
  private volatile Published current;
  private Map<String, PublishGuard.Hold> lastHolds = Map.of();
  /** The version of the state last refused for breaking Envoy's rules, until another is published. */
  private String rejectedVersion;

  public Publisher(Inventory inventory, PublishGuard guard, XdsTranslator translator, XdsServer xds,
      ControlPlaneMetrics metrics, Clock clock) {
    this.inventory = inventory;
    this.guard = guard;
    this.translator = translator;
    this.xds = xds;
    this.metrics = metrics;
    this.clock = clock;
  }

  public void addListener(PublishListener listener) {
    listeners.add(listener);
  }

  /** Takes a report from any source thread. */
  public void accept(DiscoveryReport report) {
    boolean ok = report instanceof DiscoveryReport.Complete;
    metrics.discoveryRefresh(report.scaleSet(), ok);
    if (report instanceof DiscoveryReport.Failed failed) {
      LOG.warn("discovery of {} failed, keeping its last good instances: {}", failed.scaleSet(), failed.error());
      listeners.forEach(listener -> listener.discoveryFailed(failed.scaleSet(), failed.error()));
    }
    if (inventory.accept(report)) {
      reconsider();
    }
  }

  /** Publishes a held removal of {@code scaleSet} now (an operator's call); false if nothing is held. */
  public boolean releaseHold(String scaleSet) {
    boolean released = guard.release(scaleSet);
    if (released) {
      reconsider();
    }
    return released;
  }

  /** The removals the guard holds now, by scale set. */
  public Map<String, PublishGuard.Hold> holds() {
    return guard.holds();
  }

  private void reconsider() {
    if (pending.compareAndSet(false, true)) {
      publishing.execute(this::publish);
    }
  }

  /** What is published now, if anything has been. */
  public Optional<Published> current() {
    return Optional.ofNullable(current);
  }

  public InventoryView inventory() {
    return inventory.view();
  }

  private void publish() {
    pending.set(false);
    try {
      publishNewest();
    } catch (RuntimeException e) {
      // Proxies may hold part of it; publishing again is safe (same content, same versions).
      LOG.error("publishing failed, retrying in {}", RETRY, e);
      if (pending.compareAndSet(false, true)) {
        publishing.schedule(this::publish, RETRY.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  private void publishNewest() {
    InventoryView view = inventory.view();
    Optional<MeshState> next = guard.decide(view, clock.instant());
    reportHolds(view.instances().keySet(), guard.holds());
    if (next.isEmpty()) {
      return;
    }
    MeshState state = next.get();
    if (current != null && current.state().version().equals(state.version())) {
      rejectedVersion = null;
      return;
    }
    if (state.version().equals(rejectedVersion)) {
      return;
    }
    Instant at = clock.instant();
    XdsResources resources = translator.translate(state);
    try {
      xds.publish(resources, at);
    } catch (InvalidResourcesException e) {
      reject(state, e.invalid());
      return;
    }
    rejectedVersion = null;
    Optional<Published> previous = Optional.ofNullable(current);
    current = new Published(state, resources, at);
    metrics.published(state.version(), at);
    state.services().forEach(s -> metrics.instances(s.name(), s.instances().size()));
    LOG.info("published mesh state {} ({} instances)", state.version(), state.instanceCount());
    listeners.forEach(listener -> listener.published(previous, current));
  }

  /**
   * Says loudly that {@code state} was not published, once: the same state would break the same
   * rules, so it is tried again only when discovery changes it.
   */
  private void reject(MeshState state, List<InvalidResource> invalid) {
    rejectedVersion = state.version();
    invalid.forEach(resource -> metrics.invalidResource(resource.type()));
    String kept = Optional.ofNullable(current).map(p -> "version " + p.state().version()).orElse("nothing");
    String problems = invalid.stream().limit(MAX_PROBLEMS_TOLD).map(InvalidResource::toString)
        .collect(Collectors.joining("; "));
    LOG.error("mesh state {} is not published: {} of its resources break Envoy's rules, proxies keep {}: {}",
        state.version(), invalid.size(), kept, problems);
    listeners.forEach(listener -> listener.rejected(state.version(), invalid.size(), problems));
  }

  /** Tells /metrics, the log and the listeners which holds began or ended; checks again while any lasts. */
  private void reportHolds(Set<String> scaleSets, Map<String, PublishGuard.Hold> holds) {
    for (String scaleSet : scaleSets) {
      metrics.removalHeld(scaleSet, holds.containsKey(scaleSet));
      if (holds.containsKey(scaleSet) != lastHolds.containsKey(scaleSet)) {
        Optional<PublishGuard.Hold> hold = Optional.ofNullable(holds.get(scaleSet));
        hold.ifPresentOrElse(
            h -> LOG.warn("holding back the removal of {} of {} instances of {}", h.gone(), h.routable(), scaleSet),
            () -> LOG.info("the removal hold of {} ended", scaleSet));
        listeners.forEach(listener -> listener.holdChanged(scaleSet, hold));
      }
    }
    lastHolds = holds;
    if (!holds.isEmpty() && holdCheck.compareAndSet(false, true)) {
      // A hold ends by itself once it has lasted its time: look again, even if no report comes.
      publishing.schedule(() -> {
        holdCheck.set(false);
        reconsider();
      }, HOLD_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    publishing.shutdownNow();
  }
}
