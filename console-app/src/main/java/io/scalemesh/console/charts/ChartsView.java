package io.scalemesh.console.charts;

import io.scalemesh.console.charts.ChartWindow.Point;
import io.scalemesh.console.ui.Fxml;
import io.scalemesh.console.ui.Observe;
import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.chart.XYChart.Series;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;

/**
 * Four line charts over the chosen range, redrawn from each {@link ChartWindow}; while the console
 * shows the past, each has a line at that moment.
 */
public final class ChartsView {
  private final ChartsViewModel viewModel;
  private final ObservableBooleanValue shown;
  private final Parent root;
  @FXML private ComboBox<HistoryRange> range;
  @FXML private MarkedLineChart instances;
  @FXML private MarkedLineChart cpu;
  @FXML private MarkedLineChart acknowledgements;
  @FXML private MarkedLineChart calls;
  @FXML private Label readout;
  private final Series<Number, Number> desired =
      new Series<>("desired", FXCollections.observableArrayList());
  private final Series<Number, Number> ready =
      new Series<>("ready", FXCollections.observableArrayList());
  private final Series<Number, Number> total =
      new Series<>("instances", FXCollections.observableArrayList());
  private final Series<Number, Number> averageCpu =
      new Series<>("average CPU", FXCollections.observableArrayList());
  private final Series<Number, Number> scaleOut =
      new Series<>("scale out above", FXCollections.observableArrayList());
  private final Series<Number, Number> scaleIn =
      new Series<>("scale in below", FXCollections.observableArrayList());
  private final Series<Number, Number> ackSeconds =
      new Series<>("publish -> all acknowledged", FXCollections.observableArrayList());
  private final Series<Number, Number> scaleActions =
      new Series<>("scale actions", FXCollections.observableArrayList());
  private final Series<Number, Number> requests =
      new Series<>("requests/s", FXCollections.observableArrayList());
  private final Series<Number, Number> errors =
      new Series<>("errors/s", FXCollections.observableArrayList());

  /**
   * @param shown whether the charts are on screen (they are drawn only then)
   */
  public ChartsView(ChartsViewModel viewModel, ObservableBooleanValue shown) {
    this.viewModel = viewModel;
    this.shown = shown;
    this.root = Fxml.load(this);
  }

  @FXML
  private void initialize() {
    range.getItems().setAll(HistoryRange.values());
    range.valueProperty().bindBidirectional(viewModel.rangeProperty());
    // Desired last, so that it is drawn over the others (it often equals them).
    instances.getData().setAll(List.of(total, ready, desired));
    cpu.getData().setAll(List.of(averageCpu, scaleOut, scaleIn));
    acknowledgements.getData().setAll(List.of(ackSeconds, scaleActions));
    calls.getData().setAll(List.of(requests, errors));
    for (MarkedLineChart chart : charts()) {
      chart.setOnMouseMoved(event -> read(chart, event.getSceneX()));
    }
    Observe.each(
        viewModel.viewedMinutesProperty(),
        minutes -> charts().forEach(chart -> chart.mark(minutes)));
    // Redrawing hundreds of points is the costliest part of an update: only while on screen.
    viewModel
        .windowProperty()
        .addListener(
            (property, before, after) -> {
              if (shown.get()) {
                draw(after);
              }
            });
    Observe.each(
        shown,
        isShown -> {
          if (isShown) {
            draw(viewModel.windowProperty().get());
          }
        });
  }

  private List<MarkedLineChart> charts() {
    return List.of(instances, cpu, calls, acknowledgements);
  }

  /** Shows the values under the mouse, at its absolute time. */
  private void read(MarkedLineChart chart, double sceneX) {
    NumberAxis x = (NumberAxis) chart.getXAxis();
    double minutes = x.getValueForDisplay(x.sceneToLocal(sceneX, 0).getX()).doubleValue();
    if (minutes >= x.getLowerBound() && minutes <= x.getUpperBound()) {
      viewModel.windowProperty().get().readout(minutes).ifPresent(readout::setText);
    }
  }

  private void draw(ChartWindow window) {
    for (MarkedLineChart chart : charts()) {
      NumberAxis x = (NumberAxis) chart.getXAxis();
      x.setLowerBound(window.range().fromMinutes());
      x.setTickUnit(window.range().tickMinutes());
    }
    NumberAxis counts = (NumberAxis) instances.getYAxis();
    counts.setUpperBound(window.countAxisTop());
    counts.setTickUnit(window.countAxisTick());
    show(desired, window.desired());
    show(ready, window.ready());
    show(total, window.instances());
    show(averageCpu, window.cpu());
    show(scaleOut, window.scaleOutThreshold());
    show(scaleIn, window.scaleInThreshold());
    show(ackSeconds, window.ackSeconds());
    show(scaleActions, window.scaleActions());
    show(requests, window.requests());
    show(errors, window.errors());
  }

  /**
   * Moves the series' points to the new values in place, adding or removing only the difference:
   * replacing every point would replace every point's node (the scale actions' markers), and new
   * nodes cost a CSS pass each.
   */
  private static void show(Series<Number, Number> series, List<Point> points) {
    ObservableList<XYChart.Data<Number, Number>> data = series.getData();
    int kept = Math.min(data.size(), points.size());
    for (int i = 0; i < kept; i++) {
      data.get(i).setXValue(points.get(i).minutes());
      data.get(i).setYValue(points.get(i).value());
    }
    if (data.size() > points.size()) {
      data.remove(points.size(), data.size());
    } else {
      data.addAll(
          points.subList(kept, points.size()).stream()
              .map(p -> new XYChart.Data<Number, Number>(p.minutes(), p.value()))
              .toList());
    }
  }

  public Parent root() {
    return root;
  }
}
