package io.scalemesh.console.charts;

import static io.scalemesh.console.Statuses.T0;
import static io.scalemesh.console.Statuses.at;
import static io.scalemesh.console.Statuses.backend;
import static io.scalemesh.console.Statuses.event;
import static io.scalemesh.console.Statuses.ready;
import static io.scalemesh.console.Statuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.console.charts.ChartWindow.Point;
import io.scalemesh.model.console.v1.CpuSample;
import io.scalemesh.model.console.v1.EventKind;
import io.scalemesh.model.console.v1.History;
import io.scalemesh.model.console.v1.InstanceCounts;
import io.scalemesh.model.console.v1.SnapshotConvergence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeshHistoryTest {
  private final MeshHistory history = new MeshHistory();

  @Test
  void theFirstUpdatesHistoryFillsCpuInstancesPublicationsAndScaleMarkers() {
    history.reset(
        History.newBuilder()
            .addCpu(cpu(T0.minusSeconds(120), 40, 2))
            .addCpu(cpu(T0.minusSeconds(60), 80, 3))
            .addInstanceCounts(counts(T0.minusSeconds(120), 2, 2, 2))
            .addInstanceCounts(counts(T0.minusSeconds(90), 3, 3, 2))
            .addInstanceCounts(counts(T0.minusSeconds(60), 3, 3, 3))
            .addEvents(event(T0.minusSeconds(100), EventKind.EVENT_KIND_SNAPSHOT_PUBLISHED, "v1"))
            .addEvents(
                event(T0.minusSeconds(90), EventKind.EVENT_KIND_SCALE_ACTION, "autoscale 2 -> 3"))
            .addEvents(event(T0.minusSeconds(80), EventKind.EVENT_KIND_SNAPSHOT_PUBLISHED, "v2"))
            .build());
    history.record(
        status(
            T0, backend(3, ready("backend-1", 70), ready("backend-2", 80), ready("backend-3", 90))),
        List.of());

    ChartWindow window = history.window("backend", HistoryRange.LAST_5_MINUTES, 75, 25);

    assertThat(window.cpu())
        .containsExactly(new Point(-2, 40), new Point(-1, 80), new Point(0, 80));
    assertThat(window.instances())
        .extracting(Point::value)
        .containsExactly(2.0, 2.0, 3.0, 3.0, 3.0);
    // Counts are steps: the old value up to the change, then the new one at the same time.
    assertThat(window.desired())
        .containsExactly(
            new Point(-2, 2),
            new Point(-1.5, 2),
            new Point(-1.5, 3),
            new Point(-1, 3),
            new Point(0, 3));
    assertThat(window.ready())
        .containsExactly(
            new Point(-2, 2),
            new Point(-1.5, 2),
            new Point(-1, 2),
            new Point(-1, 3),
            new Point(0, 3));
    assertThat(window.scaleActions()).containsExactly(new Point(-1.5, 0));
    assertThat(window.scaleOutThreshold()).containsExactly(new Point(-5, 75), new Point(0, 75));
    assertThat(window.scaleInThreshold()).containsExactly(new Point(-5, 25), new Point(0, 25));
  }

  private static InstanceCounts counts(Instant at, int desired, int total, int ready) {
    return InstanceCounts.newBuilder()
        .setScaleSet("backend")
        .setAt(at(at))
        .setDesired(desired)
        .setTotal(total)
        .setReady(ready)
        .build();
  }

  @Test
  void aRangeShowsOnlyItsSpanAndAnHourIsKept() {
    for (int second = 0; second <= 7_200; second += 10) {
      history.record(status(T0.plusSeconds(second), backend(second / 1_000 + 2)), List.of());
    }

    ChartWindow lastFive = history.window("backend", HistoryRange.LAST_5_MINUTES, 75, 25);
    assertThat(lastFive.desired()).hasSize(32); // 31 samples, one step
    assertThat(lastFive.desired().getFirst().minutes()).isEqualTo(-5.0);

    ChartWindow lastHour = history.window("backend", HistoryRange.LAST_HOUR, 75, 25);
    assertThat(lastHour.desired().getFirst().minutes()).isEqualTo(-60.0);
    assertThat(lastHour.desired()).hasSizeLessThanOrEqualTo(2 * 300); // 300 samples, as steps
    assertThat(lastHour.desired().getLast()).isEqualTo(new Point(0, 9));
  }

  @Test
  void updatesFasterThanASecondKeepOnePointPerSecondAndOldOnesAreIgnored() {
    TimeSeries series = new TimeSeries(Duration.ofSeconds(1), Duration.ofHours(1));
    series.add(T0, 1);
    series.add(T0.plusMillis(250), 2);
    series.add(T0.plusMillis(750), 3);
    series.add(T0.plusMillis(1_100), 4);
    series.add(T0.plusMillis(500), 99);

    assertThat(series.window(T0.plusSeconds(2), Duration.ofMinutes(1), 100))
        .extracting(Sample::value)
        .containsExactly(3.0, 4.0);
  }

  @Test
  void aNewStreamStartsTheHistoryOver() {
    history.record(
        status(T0, backend(2)), List.of(event(T0, EventKind.EVENT_KIND_SCALE_ACTION, "2 -> 3")));
    history.reset(History.getDefaultInstance());
    history.record(status(T0.plusSeconds(5), backend(4)), List.of());

    ChartWindow window = history.window("backend", HistoryRange.LAST_HOUR, 75, 25);
    assertThat(window.desired()).containsExactly(new Point(0, 4));
    assertThat(window.scaleActions()).isEmpty();
  }

  /** The restart: the charts kept the old curves because "now" stayed the old clock's. */
  @Test
  void aRestartedControlPlaneWhoseClockIsBehindStartsTheChartsAfresh() {
    for (int second = 0; second <= 600; second += 10) {
      history.record(status(T0.plusSeconds(second), backend(8)), List.of());
    }
    Instant restarted = T0.plusSeconds(120); // the new control plane's clock is behind
    history.reset(
        History.newBuilder()
            .addInstanceCounts(counts(restarted.minusSeconds(30), 2, 2, 2))
            .build());
    history.record(status(restarted, backend(3)), List.of());
    history.record(status(restarted.plusSeconds(36), backend(4)), List.of());

    ChartWindow window = history.window("backend", HistoryRange.LAST_5_MINUTES, 75, 25);
    assertThat(window.end()).isEqualTo(restarted.plusSeconds(36));
    assertThat(window.desired())
        .containsExactly(
            new Point(-1.1, 2),
            new Point(-0.6, 2),
            new Point(-0.6, 3),
            new Point(0, 3),
            new Point(0, 4));
  }

  @Test
  void aStatusOlderThanTheNewestOneStartsTheChartsAfreshWithoutANewStream() {
    history.record(status(T0, backend(8)), List.of());
    history.record(status(T0.minusSeconds(600), backend(2)), List.of());

    ChartWindow window = history.window("backend", HistoryRange.LAST_HOUR, 75, 25);
    assertThat(window.desired()).containsExactly(new Point(0, 2));
  }

  @Test
  void eachSnapshotIsDrawnAtItsPublicationWithTheTimeTheControlPlaneMeasuredToReachEveryProxy() {
    Instant first = T0.minusSeconds(30);
    history.reset(History.newBuilder().addConvergence(converged(first, 1_500)).build());
    history.record(withConverged(status(T0, backend(2)), first, 1_500), List.of());
    Instant second = T0.plusSeconds(10);
    history.record(withConverged(status(T0.plusSeconds(12), backend(3)), second, 250), List.of());
    history.record(withConverged(status(T0.plusSeconds(20), backend(3)), second, 250), List.of());

    ChartWindow window = history.window("backend", HistoryRange.LAST_5_MINUTES, 75, 25);
    assertThat(window.ackSeconds())
        .containsExactly(new Point(-50 / 60.0, 1.5), new Point(-10 / 60.0, 0.25));
  }

  @Test
  void theReadoutSaysTheAbsoluteTimeOnTheControlPlanesClockAndTheValuesInForce() {
    history.record(status(T0, backend(2, ready("backend-1", 40))), List.of());
    history.record(status(T0.plusSeconds(60), backend(3, ready("backend-1", 60))), List.of());

    ChartWindow window = history.window("backend", HistoryRange.LAST_5_MINUTES, 75, 25);
    assertThat(window.readout(-0.5))
        .contains(
            "2026-01-01 12:00:30 UTC (control plane clock): desired 2, ready 1, all 1, CPU 40 %");
    assertThat(ChartWindow.empty(HistoryRange.LAST_HOUR).readout(0)).isEmpty();
    assertThat(window.countAxisTop()).isEqualTo(4); // desired reached 3
    assertThat(window.countAxisTick()).isEqualTo(1);
  }

  private static io.scalemesh.model.console.v1.MeshStatus withConverged(
      io.scalemesh.model.console.v1.MeshStatus status, Instant published, long millis) {
    return status.toBuilder()
        .setXds(
            io.scalemesh.model.console.v1.XdsStatus.newBuilder()
                .setPublishedAt(at(published))
                .setLastConverged(converged(published, millis)))
        .build();
  }

  private static SnapshotConvergence converged(Instant published, long millis) {
    return SnapshotConvergence.newBuilder()
        .setPublishedAt(at(published))
        .setAllAcknowledgedAfter(
            com.google.protobuf.Duration.newBuilder()
                .setSeconds(millis / 1_000)
                .setNanos((int) (millis % 1_000) * 1_000_000))
        .build();
  }

  private static CpuSample cpu(Instant at, double average, int instances) {
    CpuSample.Builder sample =
        CpuSample.newBuilder().setScaleSet("backend").setAt(at(at)).setAveragePercent(average);
    for (int i = 1; i <= instances; i++) {
      sample.putPerInstancePercent("backend-" + i, average);
    }
    return sample.build();
  }
}
