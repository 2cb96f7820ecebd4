package io.scalemesh.controlplane.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The running count of one instance's, one service's or one stream's calls. Not thread-safe. */
final class Tally {
  private final RateWindow rates;
  private long calls;
  private long errors;
  private long dropped;
  private final Map<String, InstanceCalls.MetricSum> loadMetrics = new HashMap<>();
  private Instant reportedAt;

  Tally(Duration interval) {
    this.rates = new RateWindow(interval);
  }

  /** Adds one report's calls, of one instance or summed over several. */
  void add(InstanceCalls reported, Instant at, Duration covers) {
    rates.add(
        at.getEpochSecond(), covers, reported.finished(), reported.errors(), reported.inProgress());
    calls += reported.finished();
    errors += reported.errors();
    reported
        .loadMetrics()
        .forEach((name, sum) -> loadMetrics.merge(name, sum, InstanceCalls.MetricSum::plus));
    reportedAt = at;
  }

  void addDropped(long calls) {
    dropped += calls;
  }

  Optional<Instant> reportedAt() {
    return Optional.ofNullable(reportedAt);
  }

  long calls() {
    return calls;
  }

  long errors() {
    return errors;
  }

  Traffic traffic(Instant now) {
    Map<String, Double> averages = new HashMap<>();
    loadMetrics.forEach(
        (name, sum) -> {
          if (sum.calls() > 0) {
            averages.put(name, sum.total() / sum.calls());
          }
        });
    long second = now.getEpochSecond();
    return new Traffic(
        rates.callsPerSecond(second),
        rates.errorsPerSecond(second),
        rates.inProgress(second),
        calls,
        errors,
        dropped,
        averages,
        Optional.ofNullable(reportedAt));
  }
}
