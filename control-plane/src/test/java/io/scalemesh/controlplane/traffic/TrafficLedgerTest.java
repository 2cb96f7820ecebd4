package io.scalemesh.controlplane.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.controlplane.fixtures.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrafficLedgerTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private final ManualClock clock = new ManualClock(T0);
  private final TrafficLedger ledger =
      new TrafficLedger(List.of("backend", "web"), INTERVAL, clock);

  {
    ledger.published(Optional.empty(), EnvoyReports.mesh(3, 1, T0));
  }

  private void report(long stream, String proxy, InstanceCalls... calls) {
    ledger.accept(
        new LoadReport(proxy, stream, clock.instant(), INTERVAL, List.of(calls), Map.of()));
  }

  private static InstanceCalls backend(int n, long succeeded, long errors, long inProgress) {
    return new InstanceCalls(
        "backend", "backend_" + n, succeeded + errors, succeeded, errors, inProgress, Map.of());
  }

  @Test
  void ratesAreOverTheIntervalThatEveryProxyHasReportedAndTotalsKeepGrowing() {
    // Each report covers the 10 s before it: the rate of the interval that ended 10 s ago is whole
    // once the second report is in, and stays so until the next.
    report(1, "edge-1", backend(0, 180, 20, 0));
    clock.advance(INTERVAL);
    report(1, "edge-1", backend(0, 180, 20, 0));
    for (int second = 1; second < 10; second++) {
      clock.advance(Duration.ofSeconds(1));
      assertThat(ledger.instance("backend", "backend_0").callsPerSecond()).isEqualTo(20.0);
    }

    Traffic traffic = ledger.instance("backend", "backend_0");
    assertThat(traffic.errorsPerSecond()).isEqualTo(2.0);
    assertThat(traffic.calls()).isEqualTo(400);
    assertThat(traffic.errors()).isEqualTo(40);
    assertThat(traffic.reportedAt()).contains(T0.plus(INTERVAL));

    clock.advance(INTERVAL.multipliedBy(2));
    assertThat(ledger.instance("backend", "backend_0").callsPerSecond()).isZero();
    assertThat(ledger.instance("backend", "backend_0").calls()).isEqualTo(400);
  }

  @Test
  void theServiceSumsItsInstancesAndEachProxyCountsOnlyItsOwnReports() {
    report(1, "edge-1", backend(0, 10, 0, 1), backend(1, 20, 2, 0));
    report(2, "client-1", backend(2, 5, 0, 3));
    report(2, "client-1", new InstanceCalls("web", "web_0", 1, 1, 0, 0, Map.of()));

    Traffic service = ledger.service("backend");
    assertThat(service.calls()).isEqualTo(37);
    assertThat(service.errors()).isEqualTo(2);
    assertThat(service.inProgress()).isEqualTo(4);
    assertThat(ledger.proxy("edge-1").orElseThrow().calls()).isEqualTo(32);
    assertThat(ledger.proxy("client-1").orElseThrow().calls()).isEqualTo(6);
    assertThat(ledger.proxy("nobody")).isEmpty();
    assertThat(ledger.service("web").calls()).isEqualTo(1);
  }

  @Test
  void callsInProgressAreThoseOfTheReportsOfTheLastInterval() {
    report(1, "edge-1", backend(0, 1, 0, 5));
    report(2, "edge-2", backend(0, 1, 0, 2));
    assertThat(ledger.instance("backend", "backend_0").inProgress()).isEqualTo(7);
    assertThat(ledger.service("backend").inProgress()).isEqualTo(7);

    clock.advance(INTERVAL);
    report(1, "edge-1", backend(0, 1, 0, 1));
    assertThat(ledger.instance("backend", "backend_0").inProgress()).isEqualTo(1);

    // A stream that ends takes its figures with it; its calls in progress leave within an interval.
    ledger.streamEnded(1);
    assertThat(ledger.proxy("edge-1")).isEmpty();
    assertThat(ledger.streams()).isEqualTo(1);
    clock.advance(INTERVAL);
    assertThat(ledger.instance("backend", "backend_0").inProgress()).isZero();
  }

  @Test
  void onlyInstancesPublishedNowOrWithinAWindowAreCounted() {
    assertThat(ledger.counts("backend", "backend_2")).isTrue();
    assertThat(ledger.counts("backend", "backend_9")).isFalse();

    ledger.published(Optional.empty(), EnvoyReports.mesh(2, 1, clock.instant()));
    assertThat(ledger.counts("backend", "backend_2")).as("just removed").isTrue();
    clock.advance(INTERVAL.multipliedBy(2));
    assertThat(ledger.counts("backend", "backend_2")).as("removed two intervals ago").isFalse();
  }

  @Test
  void eachServiceHasOneSamplePerIntervalForAnHour() {
    for (int i = 0; i < 400; i++) {
      report(1, "edge-1", backend(0, 100, 10, 0));
      clock.advance(INTERVAL);
    }

    List<TrafficLedger.Sample> history = ledger.history(T0);
    assertThat(history).hasSize(2 * 361);
    assertThat(history.getFirst().at()).isEqualTo(clock.instant().minus(TrafficLedger.HISTORY));
    TrafficLedger.Sample last = history.getLast();
    assertThat(last.service()).isEqualTo("web");
    assertThat(history.get(history.size() - 2).callsPerSecond()).isEqualTo(11.0);
    assertThat(history.get(history.size() - 2).errorsPerSecond()).isEqualTo(1.0);
  }

  @Test
  void loadMetricsAreAveragedPerCallThatCarriedThem() {
    ledger.accept(
        new LoadReport(
            "edge-1",
            1,
            T0,
            INTERVAL,
            List.of(
                new InstanceCalls(
                    "backend",
                    "backend_0",
                    4,
                    4,
                    0,
                    0,
                    Map.of("cpu_utilization", new InstanceCalls.MetricSum(2.0, 4)))),
            Map.of("backend", 3L)));

    assertThat(ledger.instance("backend", "backend_0").loadMetrics())
        .isEqualTo(Map.of("cpu_utilization", 0.5));
    assertThat(ledger.service("backend").dropped()).isEqualTo(3);
  }
}
