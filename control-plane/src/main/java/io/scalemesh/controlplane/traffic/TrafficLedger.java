package io.scalemesh.controlplane.traffic;

import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import io.scalemesh.controlplane.publish.PublishListener;
import io.scalemesh.controlplane.publish.Published;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Every proxy's load reports, summed per instance, per service and per reporting stream: rates over
 * a reporting interval (the one that ended an interval ago, which every proxy has reported), totals
 * since start, and each service's rates over the last hour. Reports about instances that were never
 * published (or left more than a window ago) are not counted, so a proxy reporting nonsense cannot
 * grow what is kept here.
 */
public final class TrafficLedger implements PublishListener {
  static final Duration HISTORY = Duration.ofHours(1);

  /** Where one instance's calls are kept. */
  record InstanceKey(String service, String instance) {}

  /** A service's rates at one moment, for the last hour's charts. */
  public record Sample(String service, Instant at, double callsPerSecond, double errorsPerSecond) {}

  private final Duration interval;

  /** How long calls to an instance that is no longer published may still be reported. */
  private final Duration window;

  private final Clock clock;
  private final Set<String> services;
  private final Map<String, Tally> byService = new HashMap<>();
  private final Map<InstanceKey, Tally> byInstance = new HashMap<>();
  private final Map<Long, StreamTally> byStream = new HashMap<>();
  private final Set<InstanceKey> published = new HashSet<>();
  private final Map<InstanceKey, Instant> unpublishedAt = new HashMap<>();

  /**
   * Until when each instance's calls are counted (published ones: for ever), read without the lock
   * for every locality of every report.
   */
  private volatile Map<InstanceKey, Counted> countedUntil = Map.of();

  private record Counted(InstanceKey key, Instant until) {}

  private final Deque<Sample> history = new ArrayDeque<>();
  private Instant nextSample = Instant.MIN;
  private final List<Consumer<LoadReport>> followers = new CopyOnWriteArrayList<>();

  /** One reporting stream's own count. */
  private record StreamTally(String proxy, Tally tally) {}

  /**
   * @param services the services proxies may report on
   * @param interval how often proxies are asked to report
   */
  public TrafficLedger(Collection<String> services, Duration interval, Clock clock) {
    this.interval = interval;
    this.window = interval.multipliedBy(2);
    this.clock = clock;
    this.services = Set.copyOf(services);
    this.services.forEach(service -> byService.put(service, new Tally(interval)));
  }

  public Duration interval() {
    return interval;
  }

  public Set<String> services() {
    return services;
  }

  /** Tells {@code follower} of every report counted from now on, on the reporting thread. */
  public void follow(Consumer<LoadReport> follower) {
    followers.add(follower);
  }

  /**
   * The key of {@code instance} of {@code service} if its calls are counted: the ledger's own,
   * whose strings' hashes are computed already, for the lookups that follow.
   */
  Optional<InstanceKey> counted(String service, String instance, Instant now) {
    Counted counted = countedUntil.get(new InstanceKey(service, instance));
    return counted != null && counted.until().isAfter(now)
        ? Optional.of(counted.key())
        : Optional.empty();
  }

  /** Whether calls to {@code instance} of {@code service} are counted now. */
  public boolean counts(String service, String instance) {
    return counted(service, instance, clock.instant()).isPresent();
  }

  /** Counts {@code report}, which the reader accepted. */
  public void accept(LoadReport report) {
    synchronized (this) {
      for (InstanceCalls calls : report.calls()) {
        byInstance
            .computeIfAbsent(
                new InstanceKey(calls.service(), calls.instance()), k -> new Tally(interval))
            .add(calls, report.at(), report.covers());
      }
      Tally stream =
          byStream
              .computeIfAbsent(
                  report.stream(), id -> new StreamTally(report.proxy(), new Tally(interval)))
              .tally();
      // Summed per service first, so that a service's and a stream's figures are added once.
      report.calls().stream()
          .collect(Collectors.groupingBy(InstanceCalls::service))
          .forEach(
              (service, calls) -> {
                InstanceCalls sum = InstanceCalls.sum(calls);
                byService.get(service).add(sum, report.at(), report.covers());
                stream.add(sum, report.at(), report.covers());
              });
      report
          .dropped()
          .forEach(
              (service, dropped) -> {
                byService.get(service).addDropped(dropped);
                stream.addDropped(dropped);
              });
      sampleIfDue(report.at());
    }
    followers.forEach(follower -> follower.accept(report));
  }

  /** A reporting stream ended; its calls in progress leave the figures within an interval. */
  public synchronized void streamEnded(long stream) {
    byStream.remove(stream);
  }

  @Override
  public synchronized void published(Optional<Published> previous, Published next) {
    Set<InstanceKey> now = new HashSet<>();
    for (MeshState.Service service : next.state().services()) {
      for (Instance instance : service.instances()) {
        now.add(new InstanceKey(service.name(), instance.name()));
      }
    }
    // This clock's time, not the publication's: the demo's mesh runs on a faster clock.
    Instant publishedAt = clock.instant();
    for (InstanceKey key : published) {
      if (!now.contains(key)) {
        unpublishedAt.put(key, publishedAt);
      }
    }
    now.forEach(unpublishedAt::remove);
    published.clear();
    published.addAll(now);
    Map<InstanceKey, Counted> until = new HashMap<>();
    unpublishedAt.forEach((key, at) -> until.put(key, new Counted(key, at.plus(window))));
    published.forEach(key -> until.put(key, new Counted(key, Instant.MAX)));
    countedUntil = Collections.unmodifiableMap(until);
  }

  public synchronized Traffic instance(String service, String instance) {
    Tally tally = byInstance.get(new InstanceKey(service, instance));
    return tally == null ? Traffic.NONE : tally.traffic(clock.instant());
  }

  public synchronized Traffic service(String service) {
    Instant now = clock.instant();
    sampleIfDue(now);
    Tally tally = byService.get(service);
    return tally == null ? Traffic.NONE : tally.traffic(now);
  }

  /** The calls of the newest reporting stream of the proxy with this node id, if it reports. */
  public synchronized Optional<Traffic> proxy(String nodeId) {
    Instant now = clock.instant();
    return byStream.entrySet().stream()
        .filter(entry -> entry.getValue().proxy().equals(nodeId))
        .max(Map.Entry.comparingByKey())
        .map(entry -> entry.getValue().tally().traffic(now));
  }

  /** Every instance's finished and failed calls since start, for the metrics endpoint. */
  public synchronized List<ControlPlaneMetrics.InstanceCalls> instanceTotals() {
    return byInstance.entrySet().stream()
        .map(
            entry ->
                new ControlPlaneMetrics.InstanceCalls(
                    entry.getKey().service(),
                    entry.getKey().instance(),
                    entry.getValue().calls(),
                    entry.getValue().errors()))
        .toList();
  }

  /** The reporting streams open now that reported from {@code since} on. */
  synchronized Set<Long> streamsReportingSince(Instant since) {
    Set<Long> reporting = new HashSet<>();
    byStream.forEach(
        (id, stream) -> {
          if (stream.tally().reportedAt().filter(at -> !at.isBefore(since)).isPresent()) {
            reporting.add(id);
          }
        });
    return reporting;
  }

  public synchronized int streams() {
    return byStream.size();
  }

  /** Each service's rates from {@code from} on, one sample per reporting interval, oldest first. */
  public synchronized List<Sample> history(Instant from) {
    sampleIfDue(clock.instant());
    return history.stream().filter(sample -> !sample.at().isBefore(from)).toList();
  }

  private void sampleIfDue(Instant now) {
    if (now.isBefore(nextSample)) {
      return;
    }
    nextSample = now.plus(interval);
    for (String service : services.stream().sorted().toList()) {
      Traffic traffic = byService.get(service).traffic(now);
      history.addLast(
          new Sample(service, now, traffic.callsPerSecond(), traffic.errorsPerSecond()));
    }
    Instant horizon = now.minus(HISTORY);
    while (!history.isEmpty() && history.peekFirst().at().isBefore(horizon)) {
      history.removeFirst();
    }
    // Instances gone for an hour have nothing left to show.
    unpublishedAt
        .entrySet()
        .removeIf(
            gone -> {
              boolean old = gone.getValue().isBefore(horizon);
              if (old) {
                byInstance.remove(gone.getKey());
              }
              return old;
            });
  }
}
