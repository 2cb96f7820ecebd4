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
    assertThat(window.instances()).extracting(Point::value).containsExactly(2.0, 3.0, 3.0, 3.0);
    assertThat(window.desired())
        .containsExactly(new Point(-2, 2), new Point(-1.5, 3), new Point(-1, 3), new Point(0, 3));
    assertThat(window.ready())
        .containsExactly(new Point(-2, 2), new Point(-1.5, 2), new Point(-1, 3), new Point(0, 3));
    assertThat(window.publications()).extracting(Point::value).containsExactly(1.0, 2.0);
    assertThat(window.scaleActions()).containsExactly(new Point(-1.5, 1));
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
    assertThat(lastFive.desired()).hasSize(31);
    assertThat(lastFive.desired().getFirst().minutes()).isEqualTo(-5.0);

    ChartWindow lastHour = history.window("backend", HistoryRange.LAST_HOUR, 75, 25);
    assertThat(lastHour.desired().getFirst().minutes()).isEqualTo(-60.0);
    assertThat(lastHour.desired()).hasSizeLessThanOrEqualTo(300);
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
        status(T0, backend(2)), List.of(event(T0, EventKind.EVENT_KIND_SNAPSHOT_PUBLISHED, "v1")));
    history.reset(History.getDefaultInstance());
    history.record(status(T0.plusSeconds(5), backend(4)), List.of());

    ChartWindow window = history.window("backend", HistoryRange.LAST_HOUR, 75, 25);
    assertThat(window.desired()).containsExactly(new Point(0, 4));
    assertThat(window.publications()).isEmpty();
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
