package io.scalemesh.console.topology;

import io.scalemesh.console.mesh.CallErrors;
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
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The instances of the topology, drawn on one canvas: a rounded cell per instance in its grid
 * place, filled with its state's colour. A thousand labels cost a CSS pass and a layout pass over a
 * thousand nodes on every update; a canvas is one node whatever the mesh's size. The canvas covers
 * only the rows on screen (see {@link #viewport}) and only their cells are drawn: a canvas as tall
 * as 5,000 instances would be larger than a texture may be, and drawing unseen cells costs the
 * render thread all the same. Under its name a cell shows the calls the proxies report to the
 * instance (rate and failing share), and along its foot a bar as long as the share that fails,
 * coloured as the legend colours a noticeable or severe share. Clicking a cell selects its
 * instance.
 */
final class InstanceGrid {
  private static final double CELL_WIDTH = 110;
  private static final double CELL_HEIGHT = 32;
  private static final double BAR_HEIGHT = 3;
  private static final double ARC = 8;
  private static final Color TEXT = Color.WHITE;

  /** Text on a light fill. */
  private static final Color TEXT_ON_LIGHT = Color.web("#1f2124");

  private static final Color BORDER = Color.rgb(0, 0, 0, 0.25);
  private static final Color SELECTED = Color.web("#3d8ee5");

  /**
   * The bar's track, and its fill for a share too small to judge: visible on every state's fill.
   */
  private static final Color BAR_TRACK = Color.rgb(0, 0, 0, 0.35);

  private static final Color BAR_QUIET = Color.rgb(255, 255, 255, 0.85);

  /** Gone instances are faded, as the legend's "gone" swatch is. */
  private static final double GONE_OPACITY = 0.7;

  private final TopologyViewModel viewModel;
  private final double columnWidth;
  private final double rowHeight;
  private final Function<String, Paint> colours;
  private final Canvas canvas = new Canvas();
  private final Font font = Font.font(null, FontWeight.BOLD, 11);
  private final Font small = Font.font(10);
  private final Map<TopologyNode, Cell> painted = new HashMap<>();

  /** The rows on the canvas: from {@code firstRow}, {@code rowsShown} of them. */
  private int firstRow;

  private int rowsShown;

  /**
   * @param colours the fill of each style class (a state's, a share of failing calls'), as the
   *     legend shows it (so the theme's colours)
   */
  InstanceGrid(
      TopologyViewModel viewModel,
      double columnWidth,
      double rowHeight,
      Function<String, Paint> colours) {
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
                node == viewModel.selectedProperty().get(),
                calls(node.calls()),
                barWidth(node.calls()),
                CallsOverlay.styleClass(node.calls()));
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
  private record Cell(
      NodeState state,
      int row,
      int column,
      boolean selected,
      String calls,
      double barWidth,
      String callsStyle) {}

  /** "4.1/s · 2.0 %", or nothing without calls (a booting instance's, say). */
  private static String calls(CallErrors calls) {
    return calls.requestsPerSecond() > 0
        ? CallsOverlay.shortRate(calls) + " · " + calls.describeShare()
        : "";
  }

  /**
   * The failing share's bar, in whole pixels (so a wobble in the fifth decimal repaints nothing).
   */
  private static double barWidth(CallErrors calls) {
    if (calls.errorsPerSecond() <= 0) {
      return 0;
    }
    return Math.max(2, Math.round(calls.share() * (CELL_WIDTH - 8)));
  }

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
    Paint fill = colours.apply(cell.state().styleClass());
    g.setFill(fill);
    g.fillRoundRect(x, y, CELL_WIDTH, CELL_HEIGHT, ARC, ARC);
    double border = cell.selected() ? 2 : 1;
    g.setStroke(cell.selected() ? SELECTED : BORDER);
    g.setLineWidth(border);
    g.strokeRoundRect(
        x + border / 2, y + border / 2, CELL_WIDTH - border, CELL_HEIGHT - border, ARC, ARC);
    g.setFill(light(fill) ? TEXT_ON_LIGHT : TEXT);
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.CENTER);
    boolean withCalls = !cell.calls().isEmpty();
    g.setFont(font);
    g.fillText(
        node.label(), x + CELL_WIDTH / 2, y + (withCalls ? 9 : CELL_HEIGHT / 2), CELL_WIDTH - 8);
    if (withCalls) {
      g.setFont(small);
      g.fillText(cell.calls(), x + CELL_WIDTH / 2, y + 21, CELL_WIDTH - 8);
      double barY = y + CELL_HEIGHT - BAR_HEIGHT - 2;
      g.setFill(BAR_TRACK);
      g.fillRect(x + 4, barY, CELL_WIDTH - 8, BAR_HEIGHT);
      g.setFill(cell.callsStyle().isEmpty() ? BAR_QUIET : colours.apply(cell.callsStyle()));
      g.fillRect(x + 4, barY, cell.barWidth(), BAR_HEIGHT);
    }
    g.setGlobalAlpha(1);
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
    return (column - TopologyViewModel.FIRST_INSTANCE_COLUMN) * columnWidth;
  }

  private double y(int row) {
    return (row - firstRow) * rowHeight;
  }
}
