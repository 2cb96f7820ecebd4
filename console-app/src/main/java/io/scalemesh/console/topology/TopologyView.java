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
import javafx.scene.Group;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;

/**
 * Draws the topology grid: one label per node, placed by its column and row and coloured by its
 * state's style class, plus the lines from proxies to clusters and from each cluster to its
 * instances. Labels are made once per node and only restyled or moved afterwards.
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
  /** The rows the edges were drawn for: proxies', then each cluster's first and last. */
  private List<Integer> drawn = List.of();
  @FXML private Pane canvas;
  @FXML private TextArea details;

  public TopologyView(TopologyViewModel viewModel) {
    this.viewModel = viewModel;
    this.root = Fxml.load(this);
  }

  @FXML
  private void initialize() {
    canvas.getChildren().add(edges);
    details.textProperty().bind(viewModel.detailsProperty());
    viewModel.nodes().forEach(this::add);
    viewModel.nodes().addListener((ListChangeListener<TopologyNode>) change -> {
      while (change.next()) {
        change.getRemoved().forEach(node -> canvas.getChildren().remove(labels.remove(node)));
        change.getAddedSubList().forEach(this::add);
      }
      drawEdges();
    });
    viewModel.selectedProperty().addListener((property, before, after) -> {
      if (before != null && labels.containsKey(before)) {
        labels.get(before).getStyleClass().remove("selected");
      }
      if (after != null) {
        labels.get(after).getStyleClass().add("selected");
      }
    });
    drawEdges();
  }

  private void add(TopologyNode node) {
    Label label = new Label(node.label());
    label.setId(node.id());
    label.getStyleClass().addAll("topology-node", "kind-" + node.kind().name().toLowerCase(), node.state().styleClass());
    label.setLayoutX(x(node));
    label.layoutYProperty().bind(node.rowProperty().multiply(ROW_HEIGHT).add(TOP));
    node.stateProperty().addListener((property, before, after) -> {
      label.getStyleClass().remove(before.styleClass());
      label.getStyleClass().add(after.styleClass());
    });
    if (node.kind() == Kind.CLUSTER) {
      node.rowProperty().addListener((property, before, after) -> drawEdges());
    }
    label.setOnMouseClicked(event -> viewModel.selectedProperty().set(node));
    labels.put(node, label);
    canvas.getChildren().add(label);
  }

  private static double x(TopologyNode node) {
    return node.column() < 2 ? COLUMN_X[node.column()] : INSTANCES_X + (node.column() - 2) * INSTANCE_WIDTH;
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
    clusters.forEach(cluster -> lastRows.put(cluster, Math.max(cluster.row(),
        lastInstanceRow.getOrDefault(cluster.cluster(), cluster.row()))));
    List<Integer> geometry = new ArrayList<>(proxyRows);
    lastRows.forEach((cluster, lastRow) -> {
      geometry.add(cluster.row());
      geometry.add(lastRow);
    });
    if (geometry.equals(drawn)) {
      return;
    }
    drawn = geometry;
    edges.getChildren().clear();
    lastRows.forEach((cluster, lastRow) -> {
      double clusterY = middle(cluster.row());
      for (int proxyRow : proxyRows) {
        edges.getChildren().add(edge(COLUMN_X[0] + 170, middle(proxyRow), COLUMN_X[1], clusterY));
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

  public Parent root() {
    return root;
  }
}
