package io.scalemesh.console.charts;

import io.scalemesh.console.mesh.ScaleSetSummary;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The charts over time: the history the console keeps, seen through the chosen range; while the
 * console shows the past (time travel), where that moment is on their time axis.
 */
public final class ChartsViewModel {
  private final MeshHistory history = new MeshHistory();
  private final ObjectProperty<HistoryRange> range =
      new SimpleObjectProperty<>(HistoryRange.LAST_HOUR);
  private final ReadOnlyObjectWrapper<ChartWindow> window =
      new ReadOnlyObjectWrapper<>(ChartWindow.empty(HistoryRange.LAST_HOUR));
  private final ReadOnlyObjectWrapper<OptionalDouble> viewedMinutes =
      new ReadOnlyObjectWrapper<>(OptionalDouble.empty());
  private Optional<Instant> viewed = Optional.empty();
  private String scaleSet = "";
  private double scaleOutAbove;
  private double scaleInBelow;

  public ChartsViewModel() {
    range.addListener((property, before, after) -> refresh());
  }

  /** Adds an update to the history (a stream's first update replaces it). */
  public void record(WatchUpdate update) {
    if (update.hasHistory()) {
      history.reset(update.getHistory());
    }
    history.record(update.getStatus(), update.getEventsList());
  }

  /** Shows the history of this scale set, with its thresholds as of this status. */
  public void show(String selectedScaleSet, MeshStatus status) {
    scaleSet = selectedScaleSet;
    ScaleSetSummary.find(status, selectedScaleSet)
        .ifPresent(
            summary -> {
              scaleOutAbove = summary.scaleOutAbove();
              scaleInBelow = summary.scaleInBelow();
            });
    refresh();
  }

  /**
   * The moment the console shows, on the control plane's clock (as the charts' time axis), or empty
   * when it shows the live state.
   */
  public void viewing(Optional<Instant> moment) {
    viewed = moment;
    refreshViewed();
  }

  private void refresh() {
    window.set(history.window(scaleSet, range.get(), scaleOutAbove, scaleInBelow));
    refreshViewed();
  }

  /** Minutes before the window's end, as its time axis counts; empty outside the range. */
  private void refreshViewed() {
    ChartWindow shown = window.get();
    OptionalDouble minutes = OptionalDouble.empty();
    if (viewed.isPresent() && !shown.end().equals(Instant.EPOCH)) {
      double before = Duration.between(shown.end(), viewed.get()).toMillis() / 60_000.0;
      if (before >= shown.range().fromMinutes() && before <= 0) {
        minutes = OptionalDouble.of(before);
      }
    }
    if (!minutes.equals(viewedMinutes.get())) {
      viewedMinutes.set(minutes);
    }
  }

  public ObjectProperty<HistoryRange> rangeProperty() {
    return range;
  }

  /**
   * Where the moment the console shows is on the charts' time axis (minutes, negative), empty while
   * live or when it is outside the range shown.
   */
  public ReadOnlyObjectProperty<OptionalDouble> viewedMinutesProperty() {
    return viewedMinutes.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<ChartWindow> windowProperty() {
    return window.getReadOnlyProperty();
  }
}
