package io.scalemesh.console.topology;

import io.scalemesh.console.topology.TopologyNode.Kind;
import io.scalemesh.console.ui.Fxml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Line;

/**
 * Draws the topology grid: a label per proxy and per cluster, placed by its column and row and
 * coloured by its state's style class; the instances on one {@link InstanceGrid}; and the lines
 * from proxies to clusters and from each cluster to its instances. Labels are made once per node
 * and only restyled or moved afterwards, and the diagram's children change only when a proxy or a
 * cluster comes or goes (a change of children makes JavaFX restyle everything under them).
 */
public final class TopologyView {
  private static final double ROW_HEIGHT = 34;
  private static final double TOP = 12;
  private static final double[] COLUMN_X = {12, 230};
  private static final double INSTANCES_X = 430;
  private static final double INSTANCE_WIDTH = 118;
  private static final double BUS_X = INSTANCES_X - 16;

  private final TopologyViewModel viewModel;
  private final Parent root;
  private final Map<TopologyNode, Label> labels = new HashMap<>();
  private final Group edges = new Group();
  private InstanceGrid instances;

  /** The rows the edges were drawn for: proxies', then each cluster's first and last. */
  private List<Integer> drawn = List.of();

  @FXML private HBox legend;
  @FXML private ScrollPane scroller;
  @FXML private Pane diagram;
  @FXML private TextArea details;
  @FXML private Button copyAddress;

  public TopologyView(TopologyViewModel viewModel) {
    this.viewModel = viewModel;
    this.root = Fxml.load(this);
  }

  @FXML
  private void initialize() {
    instances = new InstanceGrid(viewModel, INSTANCE_WIDTH, ROW_HEIGHT, this::legendColour);
    instances.canvas().setLayoutX(INSTANCES_X);
    instances.canvas().setLayoutY(TOP);
    diagram.getChildren().addAll(edges, instances.canvas());
    details.textProperty().bind(viewModel.detailsProperty());
    copyAddress.disableProperty().bind(viewModel.selectedAddressProperty().isEmpty());
    viewModel.nodes().forEach(this::add);
    viewModel
        .nodes()
        .addListener(
            (ListChangeListener<TopologyNode>)
                change -> {
                  while (change.next()) {
                    change.getRemoved().forEach(this::remove);
                    change.getAddedSubList().forEach(this::add);
                  }
                  drawEdges();
                });
    viewModel.appliedProperty().addListener((property, before, after) -> fitRows());
    // The instance columns follow the width; the canvas follows the scroll position.
    scroller
        .viewportBoundsProperty()
        .addListener(
            (property, before, after) -> {
              viewModel
                  .instanceColumnsProperty()
                  .set((int) Math.max(1, (after.getWidth() - INSTANCES_X) / INSTANCE_WIDTH));
              diagram.setMinHeight(after.getHeight());
              fitRows();
            });
    viewModel
        .selectedProperty()
        .addListener(
            (property, before, after) -> {
              if (labels.containsKey(before)) {
                labels.get(before).getStyleClass().remove("selected");
              }
              if (labels.containsKey(after)) {
                labels.get(after).getStyleClass().add("selected");
              }
              instances.draw();
            });
    // The legend's swatches get their colours from the stylesheet, and again when the theme
    // changes.
    legend
        .getChildren()
        .forEach(
            swatch ->
                ((Region) swatch)
                    .backgroundProperty()
                    .addListener((property, before, after) -> instances.redraw()));
    drawEdges();
    fitRows();
  }

  /**
   * Makes the diagram as tall as its rows (so that the scroll bar reaches the last one) and draws
   * the instances of the rows on screen.
   */
  private void fitRows() {
    drawEdges(); // rows change after the nodes do (the layout runs once per status)
    diagram.setPrefHeight(TOP + viewModel.rows() * ROW_HEIGHT + TOP);
    Bounds viewport = scroller.getViewportBounds();
    double scrolled = -viewport.getMinY(); // how far the diagram's top is above the viewport's
    int first = (int) Math.max(0, Math.floor((scrolled - TOP) / ROW_HEIGHT));
    int count = (int) Math.ceil(viewport.getHeight() / ROW_HEIGHT) + 1;
    instances.viewport(first, count);
    instances.canvas().setLayoutY(TOP + instances.top());
  }

  /** A state's colour as the legend shows it; grey until the stylesheet has been applied. */
  private Paint legendColour(NodeState state) {
    return legend.getChildren().stream()
        .filter(swatch -> swatch.getStyleClass().contains(state.styleClass()))
        .map(swatch -> ((Region) swatch).getBackground())
        .filter(background -> background != null && !background.getFills().isEmpty())
        .map(background -> background.getFills().getFirst().getFill())
        .findFirst()
        .orElse(Color.GRAY);
  }

  private void add(TopologyNode node) {
    if (node.kind() == Kind.INSTANCE) {
      return;
    }
    Label label = new Label(node.label());
    label.setId(node.id());
    label
        .getStyleClass()
        .addAll(
            "topology-node", "kind-" + node.kind().name().toLowerCase(), node.state().styleClass());
    label.setLayoutX(COLUMN_X[node.column()]);
    label.layoutYProperty().bind(node.rowProperty().multiply(ROW_HEIGHT).add(TOP));
    node.stateProperty()
        .addListener(
            (property, before, after) -> {
              label.getStyleClass().remove(before.styleClass());
              label.getStyleClass().add(after.styleClass());
            });
    if (node.kind() == Kind.CLUSTER) {
      node.rowProperty().addListener((property, before, after) -> drawEdges());
    }
    label.setOnMouseClicked(event -> viewModel.selectedProperty().set(node));
    labels.put(node, label);
    diagram.getChildren().add(label);
  }

  private void remove(TopologyNode node) {
    Node label = labels.remove(node);
    if (label != null) {
      diagram.getChildren().remove(label);
    }
  }

  /**
   * A line from every proxy to every cluster (each proxy gets every cluster over ADS), and from
   * each cluster a bus down its block of instances. Redrawn only when that geometry changes.
   */
  private void drawEdges() {
    List<Integer> proxyRows = new ArrayList<>();
    List<TopologyNode> clusters = new ArrayList<>();
    Map<String, Integer> lastInstanceRow = new HashMap<>();
    for (TopologyNode node : viewModel.nodes()) {
      switch (node.kind()) {
        case PROXY -> proxyRows.add(node.row());
        case CLUSTER -> clusters.add(node);
        case INSTANCE -> lastInstanceRow.merge(node.cluster(), node.row(), Math::max);
      }
    }
    Map<TopologyNode, Integer> lastRows = new LinkedHashMap<>();
    clusters.forEach(
        cluster ->
            lastRows.put(
                cluster,
                Math.max(
                    cluster.row(),
                    lastInstanceRow.getOrDefault(cluster.cluster(), cluster.row()))));
    List<Integer> geometry = new ArrayList<>(proxyRows);
    lastRows.forEach(
        (cluster, lastRow) -> {
          geometry.add(cluster.row());
          geometry.add(lastRow);
        });
    if (geometry.equals(drawn)) {
      return;
    }
    drawn = geometry;
    edges.getChildren().clear();
    lastRows.forEach(
        (cluster, lastRow) -> {
          double clusterY = middle(cluster.row());
          for (int proxyRow : proxyRows) {
            edges
                .getChildren()
                .add(edge(COLUMN_X[0] + 170, middle(proxyRow), COLUMN_X[1], clusterY));
          }
          edges.getChildren().add(edge(COLUMN_X[1] + 150, clusterY, INSTANCES_X, clusterY));
          edges.getChildren().add(edge(BUS_X, clusterY, BUS_X, middle(lastRow)));
        });
  }

  private static double middle(int row) {
    return TOP + row * ROW_HEIGHT + 12;
  }

  private static Line edge(double x1, double y1, double x2, double y2) {
    Line line = new Line(x1, y1, x2, y2);
    line.getStyleClass().add("topology-edge");
    return line;
  }

  @FXML
  private void copyAddress() {
    ClipboardContent content = new ClipboardContent();
    content.putString(viewModel.selectedAddressProperty().get());
    Clipboard.getSystemClipboard().setContent(content);
  }

  public Parent root() {
    return root;
  }
}
