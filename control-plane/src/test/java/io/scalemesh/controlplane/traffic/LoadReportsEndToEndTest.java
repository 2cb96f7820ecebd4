package io.scalemesh.controlplane.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.events.Event;
import io.scalemesh.controlplane.events.ScaleEventReport;
import io.scalemesh.controlplane.fixtures.CountingCaller;
import io.scalemesh.controlplane.fixtures.InstanceCallMetrics;
import io.scalemesh.controlplane.fixtures.PublishedInstances;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.xds.client.ProxylessChannels;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * grpc-java's xDS client reports its calls over LRS (the Clusters name the control plane as their
 * load-reporting server), per locality, which Scalemesh makes one per instance: what the control
 * plane then holds must be exactly what the client counted.
 */
class LoadReportsEndToEndTest {
  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private ControlPlane plane;
  private CountingCaller caller;

  private void start(int capacity, String failCalls, int intervalSeconds) {
    plane = plane(capacity, failCalls, intervalSeconds, 0);
    ManagedChannel channel =
        teardown.add(
            ProxylessChannels.channel("backend", "127.0.0.1", plane.xdsPort(), "lrs-client"));
    caller = new CountingCaller(channel);
    awaitEveryInstanceCalled(capacity);
  }

  private ControlPlane plane(int capacity, String failCalls, int intervalSeconds, int xdsPort) {
    return teardown.add(
        ControlPlane.start(
            TestConfigs.fromYaml(
                dir,
                """
                    load_reports: {interval_seconds: %d}
                    services:
                      - name: backend
                        discovery:
                          kind: simulated
                          capacity: %d
                          boot_seconds: 1
                          drain_seconds: 1.5
                          fail_calls: {%s}
                    """
                    .formatted(intervalSeconds, capacity, failCalls),
                Map.of("xds.port", Integer.toString(xdsPort))),
            Clock.systemUTC()));
  }

  private void awaitEveryInstanceCalled(int capacity) {
    Set<String> ready = PublishedInstances.awaitReady(plane, capacity);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              caller.call();
              return caller.served().keySet().containsAll(ready);
            });
  }

  @Test
  void perInstanceTotalsEqualTheClientsOwnCountsExactly() throws Exception {
    start(3, "backend_1: 0.3", 1);

    caller.call(900);

    Map<String, Long> finished = new HashMap<>(caller.served());
    caller.failed().forEach((instance, failed) -> finished.merge(instance, failed, Long::sum));
    Map<String, Long> failed = new HashMap<>(caller.failed());
    assertThat(failed).as("failed calls by instance").containsOnlyKeys("backend_1");
    // About 300 calls reach it, and it fails 30% of them.
    assertThat(failed.get("backend_1")).isBetween(30L, 150L);
    List.of("backend_0", "backend_2").forEach(instance -> failed.put(instance, 0L));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(InstanceCallMetrics.calls(plane)).isEqualTo(finished);
              assertThat(InstanceCallMetrics.errors(plane)).isEqualTo(failed);
            });
  }

  /**
   * One locality per instance keeps balancing as it was: gRPC clients pick a locality by weight,
   * all weights are 1, so every ready instance gets an equal share (within chance: 3,000 calls over
   * 3 instances deviate by about 26 from 1,000; 150 is more than five of those).
   */
  @Test
  void everyReadyInstanceGetsAnEqualShare() {
    start(3, "", 1);
    Map<String, Long> before = caller.served();

    caller.call(3_000);

    Map<String, Long> after = caller.served();
    assertThat(after).hasSize(3);
    after.forEach(
        (instance, served) ->
            assertThat(served - before.getOrDefault(instance, 0L))
                .as("calls served by %s", instance)
                .isBetween(850L, 1_150L));
    assertThat(caller.failures()).isZero();
  }

  @Test
  void aScaleOutAndAScaleInUnderLoadEachReportEveryCallAndNoFailure() throws Exception {
    start(2, "", 2);
    awaitAllReported();

    ScaleEventReport out = reportOfScalingTo(4);
    ScaleEventReport in = reportOfScalingTo(2);

    assertThat(out.change()).isEqualTo("scale-out 2 -> 4");
    assertThat(in.change()).isEqualTo("scale-in 4 -> 2");
    for (ScaleEventReport report : List.of(out, in)) {
      assertThat(report.failed()).as(report.summary()).isZero();
      assertThat(report.proxies()).isEqualTo(1);
    }
  }

  @Test
  void aFailingInstanceShowsInTheReportOfAScaleEvent() throws Exception {
    start(2, "backend_0: 0.5", 2);
    awaitAllReported();

    ScaleEventReport out = reportOfScalingTo(3);

    assertThat(out.failed()).isPositive();
    assertThat(out.failedByInstance()).containsOnlyKeys("backend_0");
    assertThat(out.summary()).contains("backend_0: " + out.failed());
  }

  /**
   * Load reports count calls since the proxy's previous report: a control plane that restarts is
   * told only of calls it was not told of before, and counts each once.
   */
  @Test
  void afterARestartProxiesReportAgainAndNothingIsCountedTwice() throws Exception {
    start(2, "", 2);
    caller.call(200);
    awaitAllReported();
    long servedByTheFirst = sum(caller.served());
    int port = plane.xdsPort();

    plane.close();
    plane = plane(2, "", 2, port);
    // The new instances have the old ones' names but not their ports: a call served is the client
    // back. Calls that failed before (no instance to reach) are in no locality's count.
    PublishedInstances.awaitReady(plane, 2);
    await().atMost(Duration.ofSeconds(30)).until(() -> caller.call() != null);
    caller.call(100);

    long servedByTheSecond = sum(caller.served()) - servedByTheFirst;
    assertThat(servedByTheSecond).isGreaterThan(100);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                sum(InstanceCallMetrics.calls(plane)) - sum(InstanceCallMetrics.errors(plane))
                    == servedByTheSecond);
    assertThat(sum(InstanceCallMetrics.errors(plane))).isLessThanOrEqualTo(caller.failures());
    ScaleEventReport out = reportOfScalingTo(3);
    assertThat(out.failed()).isZero();
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Scales to {@code capacity} under the caller's load, from the publish that begins the event
   * until it settles; returns the event's report, checked against the client's own count.
   */
  private ScaleEventReport reportOfScalingTo(int capacity) throws Exception {
    Instant from = Instant.now();
    long callsBefore = caller.calls();
    Map<String, Long> failedBefore = caller.failed();
    List<Instance> before = PublishedInstances.of(plane);
    plane.scaleController("backend").orElseThrow().setCapacity(capacity).get();
    await().until(() -> !PublishedInstances.of(plane).equals(before));
    caller.start();
    PublishedInstances.awaitReady(plane, capacity);
    caller.stop();
    long calls = caller.calls() - callsBefore;
    Map<String, Long> failed = new HashMap<>(caller.failed());
    failedBefore.forEach((instance, count) -> failed.merge(instance, -count, Long::sum));
    failed.values().removeIf(count -> count == 0);

    ScaleEventReport report =
        await().atMost(Duration.ofSeconds(20)).until(() -> reportSince(from), r -> r != null);
    assertThat(report.calls()).as(report.summary()).isEqualTo(calls);
    assertThat(report.failedByInstance()).as(report.summary()).isEqualTo(failed);
    return report;
  }

  private ScaleEventReport reportSince(Instant from) {
    return plane.events().since(from).stream()
        .filter(event -> event.kind() == Event.Kind.SCALE_EVENT_REPORT)
        .findFirst()
        .flatMap(Event::report)
        .orElse(null);
  }

  /** Waits until the control plane has every call the caller made so far. */
  private void awaitAllReported() {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> sum(InstanceCallMetrics.calls(plane)) == caller.calls());
  }
}
