package io.scalemesh.controlplane.status;

import static io.scalemesh.controlplane.status.StatusParts.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.model.console.v1.EndpointStatus;
import io.scalemesh.model.console.v1.Instance;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.Proxy;
import io.scalemesh.model.console.v1.ScaleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The kept statuses on fixed instants: which frame is in force when, dedup, and both bounds. */
class StatusHistoryTest {
  private static final long PLENTY = 64L * 1024 * 1024;

  private final StatusHistory history = new StatusHistory(Duration.ofHours(1), PLENTY);

  @Test
  void theStatusInForceAtAMomentIsTheLastRecordedAtOrBeforeIt() {
    history.record(status(2, "v1", T0), T0);
    history.record(status(3, "v2", T0.plusSeconds(10)), T0.plusSeconds(10));
    history.record(status(4, "v3", T0.plusSeconds(20)), T0.plusSeconds(20));

    assertThat(instances(T0)).isEqualTo(2);
    assertThat(instances(T0.plusSeconds(9))).isEqualTo(2);
    assertThat(instances(T0.plusSeconds(10))).isEqualTo(3);
    assertThat(instances(T0.plusSeconds(15))).isEqualTo(3);
    assertThat(instances(T0.plusSeconds(25))).isEqualTo(4);
    // Before the earliest kept: the earliest.
    assertThat(instances(T0.minusSeconds(60))).isEqualTo(2);
    StatusHistory.Past past = history.at(T0.plusSeconds(15)).orElseThrow();
    assertThat(past.at()).isEqualTo(T0.plusSeconds(10));
    assertThat(Timestamps.toInstant(past.status().getObservedAt())).isEqualTo(T0.plusSeconds(10));
    assertThat(past.status().getProxies(0).getAckedVersionsMap()).containsValue("v2");
    assertThat(past.earliest()).isEqualTo(T0);
    assertThat(past.latest()).isEqualTo(T0.plusSeconds(20));
  }

  @Test
  void nothingIsKeptBeforeTheFirstStatus() {
    assertThat(history.at(T0)).isEmpty();
    assertThat(history.frames()).isZero();
    assertThat(history.retainedBytes()).isZero();
  }

  @Test
  void anUnchangedStatusAddsNoFrameWhateverItsObservationTime() {
    history.record(status(2, "v1", T0), T0);
    history.record(status(2, "v1", T0.plusSeconds(5)), T0.plusSeconds(5));
    history.record(status(2, "v1", T0.plusSeconds(9)), T0.plusSeconds(9));

    assertThat(history.frameTimes()).containsExactly(T0);
    // Still in force at the last record, which is where the range ends.
    assertThat(history.at(T0.plusSeconds(9)).orElseThrow().latest()).isEqualTo(T0.plusSeconds(9));
  }

  @Test
  void changesWithinASecondOfAFrameReplaceItsContentSoThereIsAtMostOneFrameASecond() {
    history.record(status(2, "v1", T0), T0);
    history.record(status(3, "v1", T0), T0.plusMillis(250));
    history.record(status(4, "v1", T0), T0.plusMillis(500));
    history.record(status(5, "v1", T0), T0.plusMillis(1_000));

    assertThat(history.frameTimes()).containsExactly(T0, T0.plusSeconds(1));
    assertThat(instances(T0.plusMillis(100))).isEqualTo(4);
    assertThat(instances(T0.plusSeconds(1))).isEqualTo(5);
  }

  @Test
  void framesOlderThanTheHourGoButTheOneInForceAtItsStartStays() {
    for (int minute = 0; minute <= 90; minute += 10) {
      Instant at = T0.plus(Duration.ofMinutes(minute));
      history.record(status(minute + 1, "v" + minute, at), at);
    }

    Instant last = T0.plus(Duration.ofMinutes(90));
    // The hour before the last record starts at minute 30, when the frame of minute 30 began.
    assertThat(history.frameTimes().getFirst()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(history.frames()).isEqualTo(7);
    assertThat(instances(last.minus(Duration.ofMinutes(55)))).isEqualTo(31);
    StatusHistory.Past oldest = history.at(T0).orElseThrow();
    assertThat(oldest.earliest()).isEqualTo(T0.plus(Duration.ofMinutes(30)));

    // Between two frames, the older stays while it is in force at the start of the hour.
    Instant later = last.plus(Duration.ofMinutes(5));
    history.record(status(999, "late", later), later);
    assertThat(history.frameTimes().getFirst()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(history.at(T0).orElseThrow().earliest()).isEqualTo(later.minus(Duration.ofHours(1)));
  }

  @Test
  void theByteBudgetDropsTheOldestFirstAndKeepsTheNewest() {
    // What the newest frame (a message) and each older one (deflated) count against the budget.
    StatusHistory two = new StatusHistory(Duration.ofHours(1), PLENTY);
    two.record(status(200, "v0", T0), T0);
    long newest = two.retainedBytes();
    two.record(status(200, "v1", T0), T0.plusSeconds(1));
    long older = two.retainedBytes() - newest;
    long budget = newest + older * 5 + older / 2;
    StatusHistory small = new StatusHistory(Duration.ofHours(1), budget);

    for (int second = 0; second < 60; second++) {
      Instant at = T0.plusSeconds(second);
      small.record(status(200, "v" + second, at), at);
      assertThat(small.retainedBytes()).isLessThanOrEqualTo(budget);
    }

    assertThat(small.frames()).isEqualTo(6);
    assertThat(small.droppedForBudget()).isEqualTo(54);
    assertThat(small.frameTimes().getLast()).isEqualTo(T0.plusSeconds(59));
    assertThat(small.at(T0).orElseThrow().status().getProxies(0).getAckedVersionsMap())
        .containsValue("v54");
  }

  @Test
  void keptFramesAreSmallerThanTheStatusesTheyHold() {
    for (int second = 0; second < 10; second++) {
      Instant at = T0.plusSeconds(second);
      history.record(status(1_000, "v" + second, at), at);
    }

    long raw = status(1_000, "v0", T0).getSerializedSize() * 10L;
    assertThat(history.retainedBytes()).isLessThan(raw / 2);
    assertThat(
            history
                .at(T0.plusSeconds(3))
                .orElseThrow()
                .status()
                .getScaleSets(0)
                .getInstancesCount())
        .isEqualTo(1_000);
  }

  private int instances(Instant moment) {
    return history.at(moment).orElseThrow().status().getScaleSets(0).getInstancesCount();
  }

  /**
   * A scale set "backend" of {@code count} ready instances and one proxy that acked {@code
   * version}.
   */
  private static MeshStatus status(int count, String version, Instant observed) {
    return MeshStatus.newBuilder()
        .setObservedAt(Timestamps.of(observed))
        .addScaleSets(
            ScaleSet.newBuilder()
                .setName("backend")
                .setSourceKind("simulated")
                .setCapacity(count)
                .addAllInstances(
                    IntStream.range(0, count)
                        .mapToObj(
                            i ->
                                Instance.newBuilder()
                                    .setName("backend_" + i)
                                    .setPrivateIp("10.0." + i / 250 + "." + i % 250)
                                    .setPort(8080)
                                    .setProvisioningState("Succeeded")
                                    .setPowerState("VM running")
                                    .setEndpointStatus(EndpointStatus.ENDPOINT_STATUS_READY)
                                    .setCpuPercent(i % 100)
                                    .build())
                        .toList()))
        .addProxies(
            Proxy.newBuilder()
                .setNodeId("edge-1")
                .putAckedVersions(
                    "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment", version)
                .setInSync(true))
        .build();
  }
}
