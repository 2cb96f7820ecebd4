package io.scalemesh.console.dashboard;

import eu.hansolo.tilesfx.Section;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.Tile.SkinType;
import eu.hansolo.tilesfx.TileBuilder;
import io.scalemesh.console.ui.Fxml;
import io.scalemesh.console.ui.Observe;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.layout.GridPane;
import javafx.scene.paint.Color;

/** The dashboard: TilesFX tiles that follow {@link DashboardViewModel}. */
public final class DashboardView {
  private static final Color SCALE_OUT = Color.web("#e5533d");
  private static final Color SCALE_IN = Color.web("#3d8ee5");

  private final DashboardViewModel viewModel;

  /** Held here: a binding only its own listener refers to could be garbage collected. */
  private final StringExpression proxies;

  private final Parent root;
  @FXML private GridPane tiles;

  public DashboardView(DashboardViewModel viewModel) {
    this.viewModel = viewModel;
    this.proxies =
        Bindings.concat(
            viewModel.proxiesInSyncProperty(), " / ", viewModel.proxiesConnectedProperty());
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
    tiles.add(text("Proxies", "proxies", proxies, constant("in sync / connected")), 0, 1);
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

  private Tile instances() {
    Tile tile = tile(SkinType.STATUS, "Instances", "instances");
    tile.setLeftText("ready");
    tile.setMiddleText("total");
    tile.setRightText("desired");
    Observe.each(viewModel.readyProperty(), value -> tile.setLeftValue(value.doubleValue()));
    Observe.each(viewModel.totalProperty(), value -> tile.setMiddleValue(value.doubleValue()));
    Observe.each(viewModel.desiredProperty(), value -> tile.setRightValue(value.doubleValue()));
    return tile;
  }

  private Tile cpu() {
    Tile tile = tile(SkinType.GAUGE, "Average CPU", "cpu");
    tile.setUnit("%");
    tile.setMinValue(0);
    tile.setMaxValue(100);
    tile.setDecimals(0);
    tile.setSectionsVisible(true);
    tile.setThresholdVisible(true);
    Observe.each(viewModel.scaleOutAboveProperty(), above -> thresholds(tile));
    Observe.each(viewModel.scaleInBelowProperty(), below -> thresholds(tile));
    Observe.each(viewModel.cpuProperty(), value -> tile.setValue(value.doubleValue()));
    // A CPU that cannot be read is said on the gauge, not shown as 0%.
    tile.setTextVisible(true);
    Observe.each(viewModel.cpuErrorProperty(), tile::setText);
    return tile;
  }

  /** The autoscale thresholds as sections: above scale-out in red, below scale-in in blue. */
  private void thresholds(Tile tile) {
    double out = viewModel.scaleOutAboveProperty().get();
    double in = viewModel.scaleInBelowProperty().get();
    tile.setSections(
        new Section(out, 100, "scale out", SCALE_OUT), new Section(0, in, "scale in", SCALE_IN));
    tile.setThreshold(out);
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
