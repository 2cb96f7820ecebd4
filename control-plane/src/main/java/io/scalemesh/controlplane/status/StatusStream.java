package io.scalemesh.controlplane.status;

import io.scalemesh.controlplane.autoscale.Autoscaler;
import io.scalemesh.controlplane.autoscale.CpuHistory;
import io.scalemesh.controlplane.autoscale.CpuSample;
import io.scalemesh.controlplane.coalesce.Coalescer;
import io.scalemesh.controlplane.events.Event;
import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.publish.Publisher;
import io.scalemesh.controlplane.scale.ScaleActions;
import io.scalemesh.controlplane.traffic.TrafficLedger;
import io.scalemesh.controlplane.xds.Convergence;
import io.scalemesh.controlplane.xds.ProxyStatus;
import io.scalemesh.model.console.v1.EventKind;
import io.scalemesh.model.console.v1.History;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.ScaleEventReport;
import io.scalemesh.model.console.v1.TrafficSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything an operator watches, as a stream of immutable values: the state of the mesh and the
 * events since the last update. An update goes to every subscriber when an event is logged, and at
 * least every {@link #REFRESH} (CPU and proxy acknowledgements change without telling anyone);
 * updates are built on one thread and coalesce, so a burst of changes is one update. How an update
 * reaches a console (gRPC, flow control) is the subscriber's business.
 */
public final class StatusStream implements AutoCloseable {
  static final Duration REFRESH = Duration.ofMillis(250);

  /** Events closer together than this are one update; a lone event goes out at once. */
  private static final Duration HOLD_OFF = Duration.ofMillis(50);

  /** The state now and what happened since, for one update. */
  public record Update(MeshStatus status, List<io.scalemesh.model.console.v1.Event> events) {
    public Update {
      events = List.copyOf(events);
    }
  }

  /** What a new subscriber starts from: the state now and the recent past. */
  public record Start(MeshStatus status, History history) {}

  private final StatusBuilder builder;
  private final CpuHistory cpu;
  private final Convergence convergence;
  private final TrafficLedger traffic;
  private final EventLog events;
  private final Clock clock;
  private final CountHistory counts = new CountHistory();
  private final List<Event> unsent = new ArrayList<>();
  private final Set<Consumer<Update>> subscribers = ConcurrentHashMap.newKeySet();
  private final Coalescer pushing;
  private MeshStatus lastPushed = MeshStatus.getDefaultInstance();

  /**
   * @param sourceKinds each scale set's discovery kind, by name
   */
  public static StatusStream create(
      Map<String, String> sourceKinds,
      Publisher publisher,
      ScaleActions scaling,
      Autoscaler autoscaler,
      CpuHistory cpu,
      Supplier<List<ProxyStatus>> proxies,
      Convergence convergence,
      TrafficLedger traffic,
      EventLog events,
      Clock clock) {
    return new StatusStream(
        new StatusBuilder(
            sourceKinds, publisher, scaling, autoscaler, cpu, proxies, convergence, traffic, clock),
        cpu,
        convergence,
        traffic,
        events,
        clock);
  }

  StatusStream(
      StatusBuilder builder,
      CpuHistory cpu,
      Convergence convergence,
      TrafficLedger traffic,
      EventLog events,
      Clock clock) {
    this.builder = builder;
    this.cpu = cpu;
    this.convergence = convergence;
    this.traffic = traffic;
    this.events = events;
    this.clock = clock;
    this.pushing = new Coalescer("status-stream", HOLD_OFF, this::push).requestEvery(REFRESH);
    events.follow(
        event -> {
          synchronized (unsent) {
            unsent.add(event);
          }
          pushing.request();
        });
  }

  /**
   * Subscribes {@code subscriber} to every update from now on (on the stream's thread); returns
   * where it starts from, with the last {@code history}.
   */
  public Start subscribe(Duration history, Consumer<Update> subscriber) {
    Instant now = clock.instant();
    Instant from = now.minus(history);
    MeshStatus status = builder.build();
    counts.record(status, now);
    subscribers.add(subscriber);
    return new Start(
        status,
        History.newBuilder()
            .addAllCpu(cpu.since(from).stream().map(StatusStream::cpuSample).toList())
            .addAllEvents(events.since(from).stream().map(StatusStream::event).toList())
            .addAllInstanceCounts(counts.since(from))
            .addAllTraffic(traffic.history(from).stream().map(StatusStream::trafficSample).toList())
            .addAllConvergence(
                convergence.since(from).stream().map(StatusBuilder::snapshotConvergence).toList())
            .build());
  }

  public void unsubscribe(Consumer<Update> subscriber) {
    subscribers.remove(subscriber);
  }

  int subscriberCount() {
    return subscribers.size();
  }

  private void push() {
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
    Update update = new Update(status, news.stream().map(StatusStream::event).toList());
    subscribers.forEach(subscriber -> subscriber.accept(update));
  }

  static io.scalemesh.model.console.v1.CpuSample cpuSample(CpuSample sample) {
    return io.scalemesh.model.console.v1.CpuSample.newBuilder()
        .setScaleSet(sample.service())
        .setAt(Timestamps.of(sample.at()))
        .setAveragePercent(sample.average())
        .putAllPerInstancePercent(sample.perInstance())
        .build();
  }

  private static TrafficSample trafficSample(TrafficLedger.Sample sample) {
    return TrafficSample.newBuilder()
        .setScaleSet(sample.service())
        .setAt(Timestamps.of(sample.at()))
        .setRequestsPerSecond(sample.callsPerSecond())
        .setErrorsPerSecond(sample.errorsPerSecond())
        .build();
  }

  private static io.scalemesh.model.console.v1.Event event(Event event) {
    io.scalemesh.model.console.v1.Event.Builder proto =
        io.scalemesh.model.console.v1.Event.newBuilder();
    event
        .report()
        .ifPresent(
            report ->
                proto.setScaleEventReport(
                    ScaleEventReport.newBuilder()
                        .setChange(report.change())
                        .setStartedAt(Timestamps.of(report.startedAt()))
                        .setSettledAt(Timestamps.of(report.settledAt()))
                        .setCalls(report.calls())
                        .setFailed(report.failed())
                        .putAllFailedByInstance(report.failedByInstance())
                        .setProxies(report.proxies())));
    return proto
        .setAt(Timestamps.of(event.at()))
        .setKind(
            switch (event.kind()) {
              case INSTANCE_ADDED -> EventKind.EVENT_KIND_INSTANCE_ADDED;
              case INSTANCE_STATE_CHANGED -> EventKind.EVENT_KIND_INSTANCE_STATE_CHANGED;
              case INSTANCE_REMOVED -> EventKind.EVENT_KIND_INSTANCE_REMOVED;
              case SCALE_ACTION -> EventKind.EVENT_KIND_SCALE_ACTION;
              case REMOVAL_HOLD -> EventKind.EVENT_KIND_GUARD_HOLD;
              case NACK -> EventKind.EVENT_KIND_NACK;
              case DISCOVERY_ERROR -> EventKind.EVENT_KIND_DISCOVERY_ERROR;
              case SNAPSHOT_PUBLISHED -> EventKind.EVENT_KIND_SNAPSHOT_PUBLISHED;
              case INVALID_RESOURCES -> EventKind.EVENT_KIND_INVALID_RESOURCES;
              case SCALE_EVENT_REPORT -> EventKind.EVENT_KIND_SCALE_EVENT_REPORT;
              case CALL_FAILURES -> EventKind.EVENT_KIND_CALL_FAILURES;
            })
        .setScaleSet(event.service())
        .setMessage(event.message())
        .build();
  }

  @Override
  public void close() {
    pushing.close();
  }
}
