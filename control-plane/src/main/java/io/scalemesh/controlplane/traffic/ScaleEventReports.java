package io.scalemesh.controlplane.traffic;

import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.events.ScaleEventReport;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.publish.PublishListener;
import io.scalemesh.controlplane.publish.Published;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A report per scale event, the proof an operator wants that nothing failed: from the publish that
 * changes a service's instances (one added, draining, removed) until the service settles (every
 * instance ready, as many as its capacity), every call the proxies reported to it, and which
 * failed. Reports arrive every interval, so an event ends only once every proxy that was reporting
 * when it began, or reported during it, has reported again a full interval after it settled (or
 * after five intervals, for a proxy that went away): the calls of its last moments are in. A change
 * before that extends it.
 *
 * <p>A service's first instances coming up (at start, or after a restart) are no scale event:
 * events begin once it has settled once. Load reports count calls since the proxy's previous
 * report, so a control plane that restarts counts nothing twice: an event open when it stopped is
 * not reported, and the next one counts only reports the new one received.
 */
public final class ScaleEventReports implements PublishListener, AutoCloseable {
  private final TrafficLedger ledger;
  private final Function<String, OptionalInt> capacity;
  private final EventLog events;
  private final Clock clock;
  private final Map<String, Window> open = new HashMap<>();
  private final Map<String, List<Instance>> current = new HashMap<>();
  private final Set<String> settledOnce = new HashSet<>();
  private final ScheduledExecutorService ticks =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("scale-event-reports").daemon().factory());

  /** One scale event of one service, open. */
  private static final class Window {
    final Instant startedAt;
    final long readyBefore;
    Instant settledAt;
    long calls;
    long failed;
    final Map<String, Long> failedByInstance = new HashMap<>();
    final Set<Long> reporters = new HashSet<>();
    final Set<Long> reportedAfterSettling = new HashSet<>();

    Window(Instant startedAt, long readyBefore) {
      this.startedAt = startedAt;
      this.readyBefore = readyBefore;
    }
  }

  /**
   * @param capacity each service's capacity, for the services whose source knows it
   */
  public ScaleEventReports(
      TrafficLedger ledger, Function<String, OptionalInt> capacity, EventLog events, Clock clock) {
    this.ledger = ledger;
    this.capacity = capacity;
    this.events = events;
    this.clock = clock;
    ledger.follow(this::reported);
  }

  public ScaleEventReports start() {
    ticks.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    return this;
  }

  @Override
  public synchronized void published(Optional<Published> previous, Published next) {
    for (MeshState.Service service : next.state().services()) {
      List<Instance> before = current.put(service.name(), service.instances());
      if (!settledOnce.contains(service.name())) {
        // A service's first instances coming up (at start, or after a restart) are no scale event.
        if (settled(service.name())) {
          settledOnce.add(service.name());
        }
        continue;
      }
      if (before.equals(service.instances())) {
        continue;
      }
      Window window =
          open.computeIfAbsent(
              service.name(),
              name -> {
                // This clock's time, not the publication's: the demo's mesh runs faster.
                Instant now = clock.instant();
                Window opened = new Window(now, ready(before));
                // The proxies reporting now will report calls of the event, however late.
                opened.reporters.addAll(
                    ledger.streamsReportingSince(now.minus(ledger.interval().multipliedBy(2))));
                return opened;
              });
      window.settledAt = null;
      window.reportedAfterSettling.clear();
    }
    check();
  }

  private synchronized void reported(LoadReport report) {
    for (InstanceCalls calls : report.calls()) {
      Window window = open.get(calls.service());
      if (window == null) {
        continue;
      }
      window.reporters.add(report.stream());
      window.calls += calls.finished();
      window.failed += calls.errors();
      if (calls.errors() > 0) {
        window.failedByInstance.merge(calls.instance(), calls.errors(), Long::sum);
      }
    }
    open.values().stream()
        .filter(w -> w.settledAt != null)
        .filter(w -> !report.at().isBefore(w.settledAt.plus(ledger.interval())))
        .forEach(w -> w.reportedAfterSettling.add(report.stream()));
    check();
  }

  private synchronized void check() {
    Instant now = clock.instant();
    Duration interval = ledger.interval();
    open.entrySet()
        .removeIf(
            entry -> {
              String service = entry.getKey();
              Window window = entry.getValue();
              if (window.settledAt == null && settled(service)) {
                window.settledAt = now;
              }
              if (window.settledAt == null) {
                return false;
              }
              boolean allIn =
                  window.reportedAfterSettling.containsAll(window.reporters)
                      && !now.isBefore(window.settledAt.plus(interval));
              boolean timedOut = !now.isBefore(window.settledAt.plus(interval.multipliedBy(5)));
              if (allIn || timedOut) {
                events.append(service, report(service, window));
                return true;
              }
              return false;
            });
  }

  private boolean settled(String service) {
    List<Instance> instances = current.getOrDefault(service, List.of());
    long ready = ready(instances);
    return ready == instances.size()
        && capacity.apply(service).stream().allMatch(wanted -> wanted == ready);
  }

  private ScaleEventReport report(String service, Window window) {
    long readyAfter = ready(current.getOrDefault(service, List.of()));
    String change =
        readyAfter > window.readyBefore
            ? "scale-out"
            : readyAfter < window.readyBefore ? "scale-in" : "instances replaced";
    return new ScaleEventReport(
        change + " " + window.readyBefore + " -> " + readyAfter,
        window.startedAt,
        window.settledAt,
        window.calls,
        window.failed,
        window.failedByInstance,
        window.reporters.size());
  }

  private static long ready(List<Instance> instances) {
    return instances.stream().filter(i -> i.state() == InstanceState.READY).count();
  }

  @Override
  public void close() {
    ticks.shutdownNow();
  }
}
