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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    assertThat(instances(history, T0)).isEqualTo(2);
    assertThat(instances(history, T0.plusSeconds(9))).isEqualTo(2);
    assertThat(instances(history, T0.plusSeconds(10))).isEqualTo(3);
    assertThat(instances(history, T0.plusSeconds(15))).isEqualTo(3);
    assertThat(instances(history, T0.plusSeconds(25))).isEqualTo(4);
    // Before the earliest kept: the earliest.
    assertThat(instances(history, T0.minusSeconds(60))).isEqualTo(2);
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
    assertThat(instances(history, T0.plusMillis(100))).isEqualTo(4);
    assertThat(instances(history, T0.plusSeconds(1))).isEqualTo(5);
  }

  @Test
  void framesOlderThanTheHourGoButTheOneInForceAtItsStartStays() {
    StatusHistory hourly = new StatusHistory(Duration.ofHours(1), PLENTY, 1);
    for (int minute = 0; minute <= 90; minute += 10) {
      Instant at = T0.plus(Duration.ofMinutes(minute));
      hourly.record(status(minute + 1, "v" + minute, at), at);
    }

    Instant last = T0.plus(Duration.ofMinutes(90));
    // The hour before the last record starts at minute 30, when the frame of minute 30 began.
    assertThat(hourly.frameTimes().getFirst()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(hourly.frames()).isEqualTo(7);
    assertThat(instances(hourly, last.minus(Duration.ofMinutes(55)))).isEqualTo(31);
    StatusHistory.Past oldest = hourly.at(T0).orElseThrow();
    assertThat(oldest.earliest()).isEqualTo(T0.plus(Duration.ofMinutes(30)));

    // Between two frames, the older stays while it is in force at the start of the hour.
    Instant later = last.plus(Duration.ofMinutes(5));
    hourly.record(status(999, "late", later), later);
    assertThat(hourly.frameTimes().getFirst()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(hourly.at(T0).orElseThrow().earliest()).isEqualTo(later.minus(Duration.ofHours(1)));
  }

  @Test
  void theByteBudgetDropsTheOldestFirstAndKeepsTheNewest() {
    // What the newest frame (a message) and each older one (deflated) count against the budget.
    StatusHistory three = new StatusHistory(Duration.ofHours(1), PLENTY, 1);
    three.record(status(200, "v0", T0), T0);
    three.record(status(200, "v1", T0), T0.plusSeconds(1));
    long oneOlder = three.retainedBytes();
    three.record(status(200, "v2", T0), T0.plusSeconds(2));
    long older = three.retainedBytes() - oneOlder;
    long budget = oneOlder + older * 4 + older / 2;
    StatusHistory small = new StatusHistory(Duration.ofHours(1), budget, 1);

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
  void everyFrameReadsBackExactlyThroughKeyFramesAndDeltas() {
    StatusHistory deltas = new StatusHistory(Duration.ofHours(1), PLENTY, 7);
    Random random = new Random(17);
    List<MeshStatus> recorded = new ArrayList<>();
    MeshStatus status = status(50, "v0", T0);
    for (int second = 0; second < 200; second++) {
      status = mutate(status, random, second);
      deltas.record(status, T0.plusSeconds(second));
      recorded.add(status);
    }

    for (int second = 0; second < 200; second++) {
      assertThat(deltas.at(T0.plusSeconds(second)).orElseThrow().status())
          .as("second " + second)
          .isEqualTo(
              recorded.get(second).toBuilder()
                  .setObservedAt(Timestamps.of(T0.plusSeconds(second)))
                  .build());
    }
  }

  @Test
  void theBudgetDropsAGroupOfDeltasWithItsKeyFrame() {
    StatusHistory deltas = new StatusHistory(Duration.ofHours(1), PLENTY, 10);
    for (int second = 0; second < 35; second++) {
      deltas.record(status(300, "v" + second, T0), T0.plusSeconds(second));
    }
    long all = deltas.retainedBytes();
    StatusHistory small = new StatusHistory(Duration.ofHours(1), all - 1, 10);

    for (int second = 0; second < 35; second++) {
      small.record(status(300, "v" + second, T0), T0.plusSeconds(second));
    }

    // The first group (key frame at 0, deltas 1..9) went whole; the next begins with its key.
    assertThat(small.frameTimes().getFirst()).isEqualTo(T0.plusSeconds(10));
    assertThat(small.droppedForBudget()).isEqualTo(10);
    assertThat(
            small.at(T0.plusSeconds(12)).orElseThrow().status().getProxies(0).getAckedVersionsMap())
        .containsValue("v12");
  }

  @Test
  void aMeshOfWhichLittleChangesTakesLittleMoreThanItsKeyFrames() {
    for (int second = 0; second < 120; second++) {
      Instant at = T0.plusSeconds(second);
      MeshStatus status = status(1_000, "v" + second, at);
      history.record(status, at);
    }

    long raw = status(1_000, "v0", T0).getSerializedSize();
    // Two key frames (KEY_EVERY 60), 117 deltas of one proxy's version, and the two newest whole.
    assertThat(history.retainedBytes()).isLessThan(raw * 3);
    assertThat(
            history
                .at(T0.plusSeconds(100))
                .orElseThrow()
                .status()
                .getProxies(0)
                .getAckedVersionsMap())
        .containsValue("v100");
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

  @Test
  void whenEveryFrameDiffersTheBudgetThinsOlderFramesAndKeepsTheWholeHour() {
    // Every instance's CPU moves every second: no frame is like the one before.
    List<MeshStatus> recorded = everyCpuMoving(3_600);
    long budget = bytesAtFullResolution(recorded, 1, 1_200); // a third of the hour

    StatusHistory bounded = recordWithin(budget, recorded, 1);

    Instant last = T0.plusSeconds(3_599);
    assertThat(bounded.droppedForBudget()).isZero();
    assertThat(bounded.thinnedForBudget()).isPositive();
    assertThat(bounded.at(T0).orElseThrow().earliest()).isEqualTo(T0);
    assertThat(bounded.frameTimes().getFirst()).isEqualTo(T0);
    // The last ten minutes keep every second.
    Instant young = last.minus(StatusHistory.FULL_RESOLUTION_FOR);
    assertThat(bounded.frameTimes().stream().filter(at -> !at.isBefore(young))).hasSize(601);
    // Older ones keep at least a frame every 5 minutes (the coarsest step).
    List<Instant> times = bounded.frameTimes();
    for (int i = 1; i < times.size(); i++) {
      assertThat(Duration.between(times.get(i - 1), times.get(i)))
          .isLessThanOrEqualTo(Duration.ofSeconds(StatusHistory.STEPS.getLast() * 2L - 1));
    }
    assertEveryKeptFrameIsAsRecorded(bounded, recorded, 1, last);
  }

  @Test
  void framesFurtherApartThanAStepReadBackExactlyWhenThinned() {
    // A change every 7 s: thinning to 5 s keeps every frame, to 10 s most, some side by side
    // (whose deltas stay as they were).
    List<MeshStatus> recorded = everyCpuMoving(500); // 58 min 20 s
    long budget = bytesAtFullResolution(recorded, 7, 200);

    StatusHistory bounded = recordWithin(budget, recorded, 7);

    assertThat(bounded.droppedForBudget()).isZero();
    assertThat(bounded.coarsestStep()).isGreaterThan(5);
    assertThat(bounded.at(T0).orElseThrow().earliest()).isEqualTo(T0);
    assertEveryKeptFrameIsAsRecorded(bounded, recorded, 7, T0.plusSeconds(499L * 7));
  }

  /** {@code count} statuses of 40 instances, each with every instance's CPU moved. */
  private static List<MeshStatus> everyCpuMoving(int count) {
    Random random = new Random(17);
    List<MeshStatus> recorded = new ArrayList<>();
    MeshStatus status = status(40, "v0", T0);
    for (int i = 0; i < count; i++) {
      MeshStatus.Builder next = status.toBuilder();
      ScaleSet.Builder backend = next.getScaleSetsBuilder(0);
      for (int j = 0; j < backend.getInstancesCount(); j++) {
        backend.setInstances(
            j, backend.getInstances(j).toBuilder().setCpuPercent(random.nextInt(1_000) / 10.0));
      }
      status = next.build();
      recorded.add(status);
    }
    return recorded;
  }

  /** What the first {@code count} statuses, {@code apart} seconds apart, take unthinned. */
  private static long bytesAtFullResolution(List<MeshStatus> recorded, int apart, int count) {
    StatusHistory unbounded = new StatusHistory(Duration.ofHours(1), Long.MAX_VALUE);
    for (int i = 0; i < count; i++) {
      unbounded.record(recorded.get(i), T0.plusSeconds((long) i * apart));
    }
    return unbounded.retainedBytes();
  }

  private static StatusHistory recordWithin(long budget, List<MeshStatus> recorded, int apart) {
    StatusHistory bounded = new StatusHistory(Duration.ofHours(1), budget);
    for (int i = 0; i < recorded.size(); i++) {
      bounded.record(recorded.get(i), T0.plusSeconds((long) i * apart));
      assertThat(bounded.retainedBytes()).isLessThanOrEqualTo(budget);
    }
    return bounded;
  }

  /**
   * Every kept frame is exactly what was recorded at its moment, and it is what is in force from
   * then until the next kept frame.
   */
  private static void assertEveryKeptFrameIsAsRecorded(
      StatusHistory history, List<MeshStatus> recorded, int apart, Instant last) {
    List<Instant> times = history.frameTimes();
    for (int i = 0; i < times.size(); i++) {
      Instant at = times.get(i);
      MeshStatus expected =
          recorded.get((int) (Duration.between(T0, at).toSeconds() / apart)).toBuilder()
              .setObservedAt(Timestamps.of(at))
              .build();
      assertThat(history.at(at).orElseThrow().status()).as(at.toString()).isEqualTo(expected);
      Instant justBeforeNext = i + 1 < times.size() ? times.get(i + 1).minusMillis(1) : last;
      StatusHistory.Past inForce = history.at(justBeforeNext).orElseThrow();
      assertThat(inForce.at()).isEqualTo(at);
      assertThat(inForce.status()).isEqualTo(expected);
    }
  }

  /**
   * Some instances change, come or go, the proxy's version moves; from second 50 to 120 a second
   * scale set exists.
   */
  private static MeshStatus mutate(MeshStatus status, Random random, int second) {
    MeshStatus.Builder next = status.toBuilder();
    ScaleSet.Builder backend = next.getScaleSetsBuilder(0);
    for (int i = 0; i < 3; i++) {
      int index = random.nextInt(backend.getInstancesCount());
      backend.setInstances(
          index, backend.getInstances(index).toBuilder().setCpuPercent(random.nextInt(100)));
    }
    if (random.nextInt(4) == 0) {
      backend.removeInstances(random.nextInt(backend.getInstancesCount()));
    }
    if (random.nextInt(4) == 0) {
      backend.addInstances(
          random.nextInt(backend.getInstancesCount()),
          Instance.newBuilder().setName("new_" + second).setPort(second));
    }
    if (second == 50) {
      next.addScaleSets(
          ScaleSet.newBuilder()
              .setName("api")
              .addInstances(Instance.newBuilder().setName("api_0")));
    }
    if (second == 120) {
      next.removeScaleSets(1);
    }
    next.setProxies(
        0, next.getProxies(0).toBuilder().putAckedVersions("eds", "v" + random.nextInt(5)));
    if (second % 30 == 0) {
      next.addProxies(Proxy.newBuilder().setNodeId("edge-" + second));
    }
    return next.build();
  }

  private static int instances(StatusHistory history, Instant moment) {
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
