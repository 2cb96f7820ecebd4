package io.scalemesh.controlplane.status;

import io.grpc.stub.ServerCallStreamObserver;
import io.scalemesh.controlplane.access.Caller;
import io.scalemesh.controlplane.autoscale.CpuHistory;
import io.scalemesh.controlplane.autoscale.CpuSample;
import io.scalemesh.controlplane.discovery.Instance;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.publish.PublishGuard;
import io.scalemesh.controlplane.publish.PublishListener;
import io.scalemesh.controlplane.publish.Published;
import io.scalemesh.controlplane.publish.Publisher;
import io.scalemesh.controlplane.autoscale.Autoscaler;
import io.scalemesh.controlplane.scale.ScaleActions;
import io.scalemesh.controlplane.xds.ProxyStatus;
import java.util.function.Supplier;
import io.scalemesh.controlplane.scale.ScaleAction;
import io.scalemesh.model.console.v1.CpuSample.Builder;
import io.scalemesh.model.console.v1.Event;
import io.scalemesh.model.console.v1.EventKind;
import io.scalemesh.model.console.v1.History;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Everything an operator watches, as one stream per console. It records events as the control
 * plane reports them, and pushes the state to every watcher when something happened, and at
 * least every {@link #REFRESH} (CPU and proxy acknowledgements change without telling anyone).
 * Pushing runs on one thread and coalesces, so a burst of changes becomes one update.
 */
public final class StatusHub implements PublishListener, AutoCloseable {
  static final Duration REFRESH = Duration.ofMillis(250);

  private final StatusBuilder builder;
  private final CpuHistory cpu;
  private final CountHistory counts = new CountHistory();
  private final Clock clock;
  private final EventLog events = new EventLog();
  private final List<Event> unsent = new ArrayList<>();
  private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService pushing =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("status-hub").daemon().factory());
  private final AtomicBoolean pending = new AtomicBoolean();
  private MeshStatus lastPushed = MeshStatus.getDefaultInstance();

  /**
   * @param sourceKinds each scale set's discovery kind, by name
   */
  public static StatusHub create(Map<String, String> sourceKinds, Publisher publisher, ScaleActions scaling,
      Autoscaler autoscaler, CpuHistory cpu, Supplier<List<ProxyStatus>> proxies, Clock clock) {
    return new StatusHub(new StatusBuilder(sourceKinds, publisher, scaling, autoscaler, cpu, proxies, clock), cpu, clock);
  }

  private StatusHub(StatusBuilder builder, CpuHistory cpu, Clock clock) {
    this.builder = builder;
    this.cpu = cpu;
    this.clock = clock;
    pushing.scheduleWithFixedDelay(this::push, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A new mesh state went out: what changed becomes events. */
  @Override
  public void published(Optional<Published> previous, Published next) {
    Map<String, Instance> before = instancesByKey(previous.map(Published::state));
    Map<String, Instance> after = instancesByKey(Optional.of(next.state()));
    after.forEach((key, instance) -> {
      if (!before.containsKey(key)) {
        record(EventKind.EVENT_KIND_INSTANCE_ADDED, scaleSetOf(key), instance.name() + " added, " + describe(instance));
      } else if (before.get(key).state() != instance.state()) {
        record(EventKind.EVENT_KIND_INSTANCE_ADDED, scaleSetOf(key), instance.name() + " is " + describe(instance));
      }
    });
    before.forEach((key, instance) -> {
      if (!after.containsKey(key)) {
        record(EventKind.EVENT_KIND_INSTANCE_REMOVED, scaleSetOf(key), instance.name() + " removed");
      }
    });
    record(EventKind.EVENT_KIND_SNAPSHOT_PUBLISHED, "", "published version " + next.state().version());
  }

  @Override
  public void holdChanged(String scaleSet, Optional<PublishGuard.Hold> hold) {
    record(EventKind.EVENT_KIND_GUARD_HOLD, scaleSet, hold
        .map(h -> "holding back the removal of " + h.gone() + " of " + h.routable() + " instances"
            + h.releasesAt().map(at -> " until " + at).orElse(" until an operator releases it"))
        .orElse("the removal hold ended; discovery is published as it is"));
  }

  @Override
  public void rejected(String version, int count, String problems) {
    record(EventKind.EVENT_KIND_INVALID_RESOURCES, "", "version " + version + " not published: " + count
        + " of its resources break Envoy's rules; proxies keep what they have. " + problems);
  }

  @Override
  public void discoveryFailed(String scaleSet, String error) {
    record(EventKind.EVENT_KIND_DISCOVERY_ERROR, scaleSet, error);
  }

  public void scaled(ScaleAction action) {
    record(EventKind.EVENT_KIND_SCALE_ACTION, action.scaleSet(), action.actor() + " scaled " + action.fromCapacity()
        + " -> " + action.toCapacity() + (action.reason().isEmpty() ? "" : ": " + action.reason()));
  }

  public void nacked(String nodeId, String detail) {
    record(EventKind.EVENT_KIND_NACK, "", nodeId + " rejected " + detail);
  }

  /** Starts a Watch stream: the state and recent history now, then updates. */
  public void watch(Caller caller, Duration history, ServerCallStreamObserver<WatchUpdate> stream) {
    WatchUpdate.Builder identity = WatchUpdate.newBuilder().setIdentity(caller.identity()).setMayScale(caller.mayScale());
    Watcher watcher = new Watcher(stream, identity);
    stream.setOnCancelHandler(() -> watchers.remove(watcher));
    Instant now = clock.instant();
    Instant from = now.minus(history);
    MeshStatus status = builder.build();
    counts.record(status, now);
    stream.onNext(identity.clone()
        .setStatus(status)
        .setHistory(History.newBuilder()
            .addAllCpu(cpu.since(from).stream().map(StatusHub::cpuSample).toList())
            .addAllEvents(events.since(from))
            .addAllInstanceCounts(counts.since(from)))
        .build());
    stream.setOnReadyHandler(watcher::drain);
    watchers.add(watcher);
  }

  int watcherCount() {
    return watchers.size();
  }

  private void record(EventKind kind, String scaleSet, String message) {
    Event event = Event.newBuilder()
        .setAt(Timestamps.of(clock.instant())).setKind(kind).setScaleSet(scaleSet).setMessage(message).build();
    events.add(event);
    synchronized (unsent) {
      unsent.add(event);
    }
    if (pending.compareAndSet(false, true)) {
      pushing.execute(this::push);
    }
  }

  private void push() {
    pending.set(false);
    MeshStatus status = builder.build();
    counts.record(status, Timestamps.toInstant(status.getObservedAt()));
    List<Event> news;
    synchronized (unsent) {
      news = List.copyOf(unsent);
      unsent.clear();
    }
    MeshStatus comparable = status.toBuilder().clearObservedAt().build();
    if (news.isEmpty() && comparable.equals(lastPushed)) {
      return;
    }
    lastPushed = comparable;
    watchers.forEach(watcher -> watcher.offer(status, news));
  }

  static io.scalemesh.model.console.v1.CpuSample cpuSample(CpuSample sample) {
    Builder proto = io.scalemesh.model.console.v1.CpuSample.newBuilder()
        .setScaleSet(sample.scaleSet())
        .setAt(Timestamps.of(sample.at()))
        .setAveragePercent(sample.average())
        .putAllPerInstancePercent(sample.perInstance());
    return proto.build();
  }

  private static Map<String, Instance> instancesByKey(Optional<MeshState> state) {
    return state.map(MeshState::services).orElse(List.of()).stream()
        .flatMap(service -> service.instances().stream().map(i -> Map.entry(service.name() + "/" + i.name(), i)))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static String scaleSetOf(String key) {
    return key.substring(0, key.indexOf('/'));
  }

  private static String describe(Instance instance) {
    return instance.state().name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    pushing.shutdownNow();
  }
}
