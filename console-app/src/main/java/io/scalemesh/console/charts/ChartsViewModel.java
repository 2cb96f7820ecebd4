package io.scalemesh.console.charts;

import io.scalemesh.console.mesh.ScaleSetSummary;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.WatchUpdate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/** The charts over time: the history the console keeps, seen through the chosen range. */
public final class ChartsViewModel {
  private final MeshHistory history = new MeshHistory();
  private final ObjectProperty<HistoryRange> range =
      new SimpleObjectProperty<>(HistoryRange.LAST_HOUR);
  private final ReadOnlyObjectWrapper<ChartWindow> window =
      new ReadOnlyObjectWrapper<>(ChartWindow.empty(HistoryRange.LAST_HOUR));
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

  private void refresh() {
    window.set(history.window(scaleSet, range.get(), scaleOutAbove, scaleInBelow));
  }

  public ObjectProperty<HistoryRange> rangeProperty() {
    return range;
  }

  public ReadOnlyObjectProperty<ChartWindow> windowProperty() {
    return window.getReadOnlyProperty();
  }
}
