package io.scalemesh.console.topology;

import io.scalemesh.console.topology.TopologyNode.Kind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The instances of the topology, drawn on one canvas: a rounded cell per instance in its grid
 * place, filled with its state's colour. A thousand labels cost a CSS pass and a layout pass over
 * a thousand nodes on every update; a canvas is one node whatever the mesh's size. Clicking a
 * cell selects its instance.
 */
final class InstanceGrid {
  static final double CELL_WIDTH = 110;
  static final double CELL_HEIGHT = 24;
  private static final double ARC = 8;
  private static final Color TEXT = Color.WHITE;
  private static final Color BORDER = Color.rgb(0, 0, 0, 0.25);
  private static final Color SELECTED = Color.web("#3d8ee5");
  /** Gone instances are faded, as the legend's "gone" swatch is. */
  private static final double GONE_OPACITY = 0.7;

  private final TopologyViewModel viewModel;
  private final double columnWidth;
  private final double rowHeight;
  private final Function<NodeState, Paint> colours;
  private final Canvas canvas = new Canvas();
  private final Font font = Font.font(12);

  /** @param colours the fill of each state, as the legend shows it (so the theme's colours) */
  InstanceGrid(TopologyViewModel viewModel, double columnWidth, double rowHeight, Function<NodeState, Paint> colours) {
    this.viewModel = viewModel;
    this.columnWidth = columnWidth;
    this.rowHeight = rowHeight;
    this.colours = colours;
    canvas.setId("instance-grid");
    canvas.setWidth(TopologyViewModel.INSTANCE_COLUMNS * columnWidth);
    canvas.setOnMouseClicked(event -> instanceAt(event.getX(), event.getY()).ifPresent(viewModel.selectedProperty()::set));
  }

  Canvas canvas() {
    return canvas;
  }

  /** Repaints every instance; cheap next to a scene graph pass, since nothing here is a node. */
  void draw() {
    int rows = 0;
    for (TopologyNode node : viewModel.nodes()) {
      if (node.kind() == Kind.INSTANCE) {
        rows = Math.max(rows, node.row() + 1);
      }
    }
    if (canvas.getHeight() != rows * rowHeight) {
      canvas.setHeight(rows * rowHeight);
    }
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
    g.setFont(font);
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.CENTER);
    Map<NodeState, Paint> fills = new EnumMap<>(NodeState.class);
    for (TopologyNode node : viewModel.nodes()) {
      if (node.kind() == Kind.INSTANCE) {
        cell(g, node, fills.computeIfAbsent(node.state(), colours));
      }
    }
  }

  private void cell(GraphicsContext g, TopologyNode node, Paint fill) {
    double x = x(node);
    double y = y(node);
    g.setGlobalAlpha(node.state() == NodeState.GONE ? GONE_OPACITY : 1);
    g.setFill(fill);
    g.fillRoundRect(x, y, CELL_WIDTH, CELL_HEIGHT, ARC, ARC);
    boolean selected = node == viewModel.selectedProperty().get();
    g.setStroke(selected ? SELECTED : BORDER);
    g.setLineWidth(selected ? 2 : 1);
    g.strokeRoundRect(x + 0.5, y + 0.5, CELL_WIDTH - 1, CELL_HEIGHT - 1, ARC, ARC);
    g.setFill(TEXT);
    g.fillText(node.label(), x + CELL_WIDTH / 2, y + CELL_HEIGHT / 2, CELL_WIDTH - 8);
  }

  /** The instance whose cell is at this point of the canvas, if any. */
  Optional<TopologyNode> instanceAt(double x, double y) {
    return viewModel.nodes().stream()
        .filter(node -> node.kind() == Kind.INSTANCE)
        .filter(node -> x >= x(node) && x < x(node) + CELL_WIDTH && y >= y(node) && y < y(node) + CELL_HEIGHT)
        .findFirst();
  }

  private double x(TopologyNode node) {
    return (node.column() - 2) * columnWidth;
  }

  private double y(TopologyNode node) {
    return node.row() * rowHeight;
  }
}
