package io.scalemesh.console.dashboard;

import eu.hansolo.tilesfx.Section;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.Tile.SkinType;
import eu.hansolo.tilesfx.TileBuilder;
import io.scalemesh.console.dashboard.DashboardViewModel.CpuBand;
import io.scalemesh.console.ui.Fxml;
import io.scalemesh.console.ui.Observe;
import java.util.List;
import java.util.function.DoubleConsumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/** The dashboard: TilesFX tiles that follow {@link DashboardViewModel}. */
public final class DashboardView {
  private static final Color SCALE_OUT = Color.web("#e5533d");
  private static final Color SCALE_IN = Color.web("#3d8ee5");

  private final DashboardViewModel viewModel;

  private final Parent root;
  @FXML private GridPane tiles;

  public DashboardView(DashboardViewModel viewModel) {
    this.viewModel = viewModel;
    this.root = Fxml.load(this);
  }

  @FXML
  private void initialize() {
    tiles.add(instances(), 0, 0);
    tiles.add(cpu(), 1, 0);
    tiles.add(
        text(
            "xDS snapshot",
            "snapshot",
            viewModel.snapshotVersionProperty(),
            viewModel.snapshotAgeProperty()),
        2,
        0);
    tiles.add(
        text("Proxies", "proxies", viewModel.proxiesProperty(), viewModel.proxiesDetailProperty()),
        0,
        1);
    tiles.add(
        text(
            "Cooldown",
            "cooldown",
            viewModel.cooldownProperty(),
            constant("until autoscale may act again")),
        1,
        1);
    tiles.add(
        text("Last scale action", "last-action", viewModel.lastActionProperty(), constant("")),
        2,
        1);
  }

  /**
   * The most important figures, so the largest: ready, all and desired as big numbers. The tile's
   * own values are kept too (tests read them), but its STATUS skin draws them small.
   */
  private Tile instances() {
    Tile tile = tile(SkinType.CUSTOM, "Instances", "instances");
    HBox figures =
        new HBox(
            24,
            figure("ready", viewModel.readyProperty(), tile::setLeftValue),
            figure("all", viewModel.totalProperty(), tile::setMiddleValue),
            figure("desired", viewModel.desiredProperty(), tile::setRightValue));
    figures.setAlignment(Pos.CENTER);
    tile.setGraphic(figures);
    return tile;
  }

  private static VBox figure(
      String caption, ObservableValue<Number> value, DoubleConsumer alsoOnTile) {
    Label number = new Label();
    number.getStyleClass().add("big-figure");
    Observe.each(
        value,
        v -> {
          number.setText(Integer.toString(v.intValue()));
          alsoOnTile.accept(v.doubleValue());
        });
    Label label = new Label(caption);
    label.getStyleClass().add("big-figure-caption");
    VBox box = new VBox(0, number, label);
    box.setAlignment(Pos.CENTER);
    return box;
  }

  private Tile cpu() {
    Tile tile = tile(SkinType.GAUGE, "Average CPU", "cpu");
    tile.setUnit("%");
    tile.setMinValue(0);
    tile.setMaxValue(100);
    tile.setDecimals(0);
    tile.setSectionsVisible(true);
    tile.setThresholdVisible(true);
    Observe.each(viewModel.cpuBandsProperty(), bands -> bands(tile, bands));
    Observe.each(viewModel.cpuProperty(), value -> tile.setValue(value.doubleValue()));
    // A CPU that cannot be read is said on the gauge, not shown as 0%.
    tile.setTextVisible(true);
    Observe.each(viewModel.cpuErrorProperty(), tile::setText);
    return tile;
  }

  /** The autoscale thresholds as sections: above scale-out in red, below scale-in in blue. */
  private static void bands(Tile tile, List<CpuBand> bands) {
    tile.setSections(
        bands.stream()
            .map(
                band ->
                    new Section(
                        band.from(),
                        band.to(),
                        band.scaleOut() ? "scale out" : "scale in",
                        band.scaleOut() ? SCALE_OUT : SCALE_IN))
            .toList());
    bands.stream()
        .filter(CpuBand::scaleOut)
        .findFirst()
        .ifPresentOrElse(band -> tile.setThreshold(band.from()), () -> tile.setThreshold(100));
  }

  private static Tile text(
      String title, String id, ObservableValue<String> description, ObservableValue<String> text) {
    Tile tile = tile(SkinType.TEXT, title, id);
    tile.setTextVisible(true);
    tile.setDescriptionAlignment(Pos.CENTER);
    Observe.each(description, tile::setDescription);
    Observe.each(text, tile::setText);
    return tile;
  }

  private static ObservableValue<String> constant(String text) {
    return new ReadOnlyStringWrapper(text);
  }

  private static Tile tile(SkinType skin, String title, String id) {
    Tile tile = TileBuilder.create().skinType(skin).title(title).build();
    tile.setId("tile-" + id);
    tile.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
    return tile;
  }

  public Parent root() {
    return root;
  }
}
