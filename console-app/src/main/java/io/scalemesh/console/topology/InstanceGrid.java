package io.scalemesh.console.topology;

import io.scalemesh.console.topology.TopologyNode.Kind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * place, filled with its state's colour. A thousand labels cost a CSS pass and a layout pass over a
 * thousand nodes on every update; a canvas is one node whatever the mesh's size. The canvas covers
 * only the rows on screen (see {@link #viewport}) and only their cells are drawn: a canvas as tall
 * as 5,000 instances would be larger than a texture may be, and drawing unseen cells costs the
 * render thread all the same. Clicking a cell selects its instance.
 */
final class InstanceGrid {
  private static final double CELL_WIDTH = 110;
  private static final double CELL_HEIGHT = 24;
  private static final double ARC = 8;
  private static final Color TEXT = Color.WHITE;

  /** Text on a light fill. */
  private static final Color TEXT_ON_LIGHT = Color.web("#1f2124");

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
  private final Map<TopologyNode, Cell> painted = new HashMap<>();

  /** The rows on the canvas: from {@code firstRow}, {@code rowsShown} of them. */
  private int firstRow;

  private int rowsShown;

  /**
   * @param colours the fill of each state, as the legend shows it (so the theme's colours)
   */
  InstanceGrid(
      TopologyViewModel viewModel,
      double columnWidth,
      double rowHeight,
      Function<NodeState, Paint> colours) {
    this.viewModel = viewModel;
    this.columnWidth = columnWidth;
    this.rowHeight = rowHeight;
    this.colours = colours;
    canvas.setId("instance-grid");
    canvas.sceneProperty().addListener((property, before, after) -> draw());
    canvas.setOnMouseClicked(
        event ->
            instanceAt(event.getX(), event.getY()).ifPresent(viewModel.selectedProperty()::set));
  }

  Canvas canvas() {
    return canvas;
  }

  /**
   * Covers the rows from {@code first} on, {@code count} of them (those on screen), and draws them.
   */
  void viewport(int first, int count) {
    if (first != firstRow || count != rowsShown) {
      firstRow = first;
      rowsShown = count;
      painted.clear();
    }
    draw();
  }

  /** Where the canvas starts, from the grid's top: the view places it there. */
  double top() {
    return firstRow * rowHeight;
  }

  /**
   * Brings the canvas up to date: repaints the cells on screen whose instance changed, appeared or
   * went. Nothing is drawn while the grid is off screen (even an unseen canvas rasterises what it
   * is given, on the render thread); it catches up when shown again.
   */
  void draw() {
    if (canvas.getScene() == null) {
      return;
    }
    double width = viewModel.instanceColumnsProperty().get() * columnWidth;
    double height = rowsShown * rowHeight;
    if (canvas.getHeight() != height || canvas.getWidth() != width) {
      canvas.setWidth(width);
      canvas.setHeight(height);
      painted.clear();
    }
    GraphicsContext g = canvas.getGraphicsContext2D();
    if (painted.isEmpty()) {
      g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
    }
    Set<TopologyNode> shown = new HashSet<>();
    for (TopologyNode node : viewModel.nodes()) {
      if (node.kind() == Kind.INSTANCE && onCanvas(node.row())) {
        shown.add(node);
        Cell cell =
            new Cell(
                node.state(),
                node.row(),
                node.column(),
                node == viewModel.selectedProperty().get());
        Cell before = painted.put(node, cell);
        if (!cell.equals(before)) {
          clear(g, before);
          paint(g, node, cell);
        }
      }
    }
    painted
        .entrySet()
        .removeIf(
            entry -> {
              boolean gone = !shown.contains(entry.getKey());
              if (gone) {
                clear(g, entry.getValue());
              }
              return gone;
            });
  }

  /** Paints every cell afresh: the state colours have changed (the theme did). */
  void redraw() {
    painted.clear();
    draw();
  }

  /** What a cell was painted as: when any of it changes, the cell is repainted. */
  private record Cell(NodeState state, int row, int column, boolean selected) {}

  private boolean onCanvas(int row) {
    return row >= firstRow && row < firstRow + rowsShown;
  }

  private void clear(GraphicsContext g, Cell cell) {
    if (cell != null) {
      g.clearRect(x(cell.column()), y(cell.row()), CELL_WIDTH, CELL_HEIGHT);
    }
  }

  private void paint(GraphicsContext g, TopologyNode node, Cell cell) {
    double x = x(cell.column());
    double y = y(cell.row());
    g.setGlobalAlpha(cell.state() == NodeState.GONE ? GONE_OPACITY : 1);
    Paint fill = colours.apply(cell.state());
    g.setFill(fill);
    g.fillRoundRect(x, y, CELL_WIDTH, CELL_HEIGHT, ARC, ARC);
    double border = cell.selected() ? 2 : 1;
    g.setStroke(cell.selected() ? SELECTED : BORDER);
    g.setLineWidth(border);
    g.strokeRoundRect(
        x + border / 2, y + border / 2, CELL_WIDTH - border, CELL_HEIGHT - border, ARC, ARC);
    g.setFill(light(fill) ? TEXT_ON_LIGHT : TEXT);
    g.setFont(font);
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.CENTER);
    g.fillText(node.label(), x + CELL_WIDTH / 2, y + CELL_HEIGHT / 2, CELL_WIDTH - 8);
  }

  /** Whether white text on this fill would be hard to read (amber, the dark theme's lilac). */
  private static boolean light(Paint fill) {
    return fill instanceof Color c
        && 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue() > 0.6;
  }

  /** The instance whose cell is at this point of the canvas, if any. */
  Optional<TopologyNode> instanceAt(double x, double y) {
    return viewModel.nodes().stream()
        .filter(node -> node.kind() == Kind.INSTANCE && onCanvas(node.row()))
        .filter(
            node ->
                x >= x(node.column())
                    && x < x(node.column()) + CELL_WIDTH
                    && y >= y(node.row())
                    && y < y(node.row()) + CELL_HEIGHT)
        .findFirst();
  }

  private double x(int column) {
    return (column - 2) * columnWidth;
  }

  private double y(int row) {
    return (row - firstRow) * rowHeight;
  }
}
