package io.scalemesh.controlplane.status;

import com.google.protobuf.Timestamp;
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
import io.scalemesh.model.console.v1.StatusAtResponse;
import io.scalemesh.model.console.v1.TrafficSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

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

  /** How far back a console can look at the mesh as it was (time travel). */
  public static final Duration PAST_KEPT = Duration.ofHours(1);

  /**
   * The most the kept statuses may take. An hour of 1,000 instances and 50 proxies that all change
   * every second takes about twice as much at a frame a second (docs/benchmarks.md): then frames
   * older than ten minutes are thinned, and the whole hour fits.
   */
  public static final long HISTORY_BUDGET_BYTES = 64L * 1024 * 1024;

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
  private final PastKeeper frames =
      new PastKeeper(new StatusHistory(PAST_KEPT, HISTORY_BUDGET_BYTES));
  private final List<Event> unsent = new ArrayList<>();
  private final Set<Consumer<Update>> subscribers = ConcurrentHashMap.newKeySet();
  private final Coalescer pushing;
  private final UnaryOperator<Instant> fromRealTime;
  private MeshStatus lastPushed = MeshStatus.getDefaultInstance();

  /**
   * @param sourceKinds each scale set's discovery kind, by name
   * @param fromRealTime where a real time falls on {@code clock}: the traffic ledger samples in
   *     real time (load reports count real calls per real second), the history's other series are
   *     on {@code clock}, which runs 60 times faster in the demo
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
      Clock clock,
      UnaryOperator<Instant> fromRealTime) {
    return new StatusStream(
        new StatusBuilder(
            sourceKinds, publisher, scaling, autoscaler, cpu, proxies, convergence, traffic, clock),
        cpu,
        convergence,
        traffic,
        events,
        clock,
        fromRealTime);
  }

  StatusStream(
      StatusBuilder builder,
      CpuHistory cpu,
      Convergence convergence,
      TrafficLedger traffic,
      EventLog events,
      Clock clock,
      UnaryOperator<Instant> fromRealTime) {
    this.builder = builder;
    this.fromRealTime = fromRealTime;
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
    // What a console starts from is a status it may want to travel back to.
    frames.record(status);
    subscribers.add(subscriber);
    return new Start(
        status,
        History.newBuilder()
            .addAllCpu(cpu.since(from).stream().map(StatusStream::cpuSample).toList())
            .addAllEvents(events.since(from).stream().map(StatusStream::event).toList())
            .addAllInstanceCounts(counts.since(from))
            .addAllTraffic(
                traffic.history(Instant.MIN).stream()
                    .map(this::onStatusClock)
                    .filter(sample -> !sample.at().isBefore(from))
                    .map(StatusStream::trafficSample)
                    .toList())
            .addAllConvergence(
                convergence.since(from).stream().map(StatusBuilder::snapshotConvergence).toList())
            .build());
  }

  /**
   * The status in force at {@code moment}, from the last {@link #PAST_KEPT}, with the range kept;
   * empty before the first status.
   */
  public Optional<StatusAtResponse> statusAt(Timestamp moment) {
    return frames
        .at(Timestamps.toInstant(moment))
        .map(
            past ->
                StatusAtResponse.newBuilder()
                    .setStatus(past.status())
                    .setEarliest(Timestamps.of(past.earliest()))
                    .setLatest(Timestamps.of(past.latest()))
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
    Instant observed = Timestamps.toInstant(status.getObservedAt());
    counts.record(status, observed);
    frames.record(status);
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

  /**
   * A ledger sample, stamped in real time, on this stream's clock: otherwise, in the demo, an hour
   * of traffic would land in the first minute of the console's charts.
   */
  private TrafficLedger.Sample onStatusClock(TrafficLedger.Sample sample) {
    return new TrafficLedger.Sample(
        sample.service(),
        fromRealTime.apply(sample.at()),
        sample.callsPerSecond(),
        sample.errorsPerSecond());
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
    frames.close();
  }
}
