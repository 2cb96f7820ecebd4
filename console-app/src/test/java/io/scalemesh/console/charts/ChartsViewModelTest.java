package io.scalemesh.console.charts;

import static io.scalemesh.console.Statuses.T0;
import static io.scalemesh.console.Statuses.backend;
import static io.scalemesh.console.Statuses.ready;
import static io.scalemesh.console.Statuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.model.console.v1.History;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Where the charts mark the moment that time travel shows; without a toolkit. */
class ChartsViewModelTest {
  private final ChartsViewModel charts = new ChartsViewModel();

  @Test
  void theViewedMomentIsMarkedInMinutesBeforeTheNewestStatusAndGoneWhenLive() {
    update(T0, true);
    assertThat(charts.viewedMinutesProperty().get()).isEmpty();

    charts.viewing(Optional.of(T0.minus(Duration.ofMinutes(12))));
    assertThat(charts.viewedMinutesProperty().get()).isEqualTo(OptionalDouble.of(-12));

    // The charts stay live: as the newest status moves on, the marked moment moves left.
    update(T0.plusSeconds(90), false);
    assertThat(charts.viewedMinutesProperty().get()).isEqualTo(OptionalDouble.of(-13.5));

    charts.viewing(Optional.empty());
    assertThat(charts.viewedMinutesProperty().get()).isEmpty();
  }

  @Test
  void aMomentOutsideTheRangeShownIsNotMarked() {
    update(T0, true);
    charts.viewing(Optional.of(T0.minus(Duration.ofMinutes(30))));
    assertThat(charts.viewedMinutesProperty().get()).isEqualTo(OptionalDouble.of(-30));

    charts.rangeProperty().set(HistoryRange.LAST_5_MINUTES);
    assertThat(charts.viewedMinutesProperty().get()).isEmpty();

    charts.rangeProperty().set(HistoryRange.LAST_HOUR);
    assertThat(charts.viewedMinutesProperty().get()).isEqualTo(OptionalDouble.of(-30));
  }

  private void update(Instant at, boolean first) {
    MeshStatus status = status(at, backend(2, ready("backend_0", 40), ready("backend_1", 60)));
    WatchUpdate.Builder update = WatchUpdate.newBuilder().setStatus(status);
    if (first) {
      update.setHistory(History.getDefaultInstance());
    }
    charts.record(update.build());
    charts.show("backend", status);
  }
}
