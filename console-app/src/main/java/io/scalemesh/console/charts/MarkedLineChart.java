package io.scalemesh.console.charts;

import java.util.OptionalDouble;
import javafx.beans.NamedArg;
import javafx.scene.chart.Axis;
import javafx.scene.chart.LineChart;
import javafx.scene.shape.Line;

/**
 * A line chart over the time axis with a vertical line at one moment of it (time travel's viewed
 * moment; style class {@code viewed-moment}), or none. The line is a plot child, laid out with the
 * series, so that it stays on its moment when the chart is resized.
 */
public final class MarkedLineChart extends LineChart<Number, Number> {
  private final Line marker = new Line();
  private OptionalDouble at = OptionalDouble.empty();

  public MarkedLineChart(
      @NamedArg("xAxis") Axis<Number> xAxis, @NamedArg("yAxis") Axis<Number> yAxis) {
    super(xAxis, yAxis);
    marker.getStyleClass().add("viewed-moment");
    marker.setManaged(false);
    marker.setVisible(false);
    getPlotChildren().add(marker);
  }

  /** Draws the line at {@code minutes} (as the time axis counts), or none when empty. */
  public void mark(OptionalDouble minutes) {
    if (!minutes.equals(at)) {
      at = minutes;
      requestChartLayout();
    }
  }

  @Override
  protected void layoutPlotChildren() {
    super.layoutPlotChildren();
    marker.setVisible(at.isPresent());
    if (at.isPresent()) {
      double x = getXAxis().getDisplayPosition(at.getAsDouble());
      marker.setStartX(x);
      marker.setEndX(x);
      marker.setStartY(0);
      marker.setEndY(getYAxis().getHeight());
    }
  }
}
