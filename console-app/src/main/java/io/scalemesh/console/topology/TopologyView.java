package io.scalemesh.console.topology;

import io.scalemesh.console.topology.TopologyNode.Kind;
import io.scalemesh.console.topology.TopologyNode.ZoneKey;
import io.scalemesh.console.ui.Fxml;
import io.scalemesh.console.ui.StyleClasses;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Line;

/**
 * Draws the topology grid: a label per proxy, cluster and zone, placed by its column and row,
 * coloured by its state's style class and showing the calls through it; the instances on one {@link
 * InstanceGrid}; and the lines from proxies to clusters, clusters to zones and zones to their
 * instances, as wide as the calls they carry and coloured by the share that fails. Labels are made
 * once per node and only restyled or moved afterwards, and the diagram's children change only when
 * a proxy or a cluster comes or goes (a change of children makes JavaFX restyle everything under
 * them).
 */
public final class TopologyView {
  private static final double ROW_HEIGHT = 40;
  private static final double TOP = 12;

  /** Where the proxies', the clusters' and the zones' labels start, and how wide they are. */
  private static final double[] COLUMN_X = {12, 196, 364};

  /** Wide enough for "254.8 req/s · 12 %" (the zones' were not, looked at on a real display). */
  private static final double[] COLUMN_WIDTH = {168, 150, 150};

  private static final double INSTANCES_X = 536;
  private static final double INSTANCE_WIDTH = 118;
  private static final double BUS_X = INSTANCES_X - 14;

  private final TopologyViewModel viewModel;
  private final Parent root;
  private final Map<TopologyNode, Label> labels = new HashMap<>();
  private final Group edges = new Group();
  private InstanceGrid instances;

  /**
   * The rows the edges were drawn for: proxies', then each cluster's, each zone's first and last.
   */
  private List<Integer> drawn = List.of();

  /** The edges as drawn, each with the node whose calls set its width and the one its colour. */
  private final List<Edge> drawnEdges = new ArrayList<>();

  private record Edge(Line line, TopologyNode weighedBy, TopologyNode colouredBy) {}

  @FXML private FlowPane legend;
  @FXML private ScrollPane scroller;
  @FXML private Pane diagram;
  @FXML private TextArea details;
  @FXML private Button copyAddress;
  @FXML private Button openInPortal;
  private final Consumer<URI> openLink;

  /**
   * @param openLink opens a web page in the system browser
   */
  public TopologyView(TopologyViewModel viewModel, Consumer<URI> openLink) {
    this.viewModel = viewModel;
    this.openLink = openLink;
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
    openInPortal.disableProperty().bind(viewModel.selectedPortalLinkProperty().isEmpty());
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
                });
    viewModel
        .appliedProperty()
        .addListener(
            (property, before, after) -> {
              fitRows();
              showCalls();
            });
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
    showCalls();
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

  /**
   * The colour of a style class (a state's, a failing share's) as the legend shows it; grey until
   * the stylesheet has been applied.
   */
  private Paint legendColour(String styleClass) {
    return legend.getChildren().stream()
        .filter(swatch -> swatch.getStyleClass().contains(styleClass))
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
    Label label = new Label(node.label() + "\n" + CallsOverlay.text(node.calls()));
    label.setId(node.id());
    label
        .getStyleClass()
        .addAll(
            "topology-node", "kind-" + node.kind().name().toLowerCase(), node.state().styleClass());
    label.setLayoutX(COLUMN_X[node.column()]);
    label.setPrefWidth(COLUMN_WIDTH[node.column()]);
    label.layoutYProperty().bind(node.rowProperty().multiply(ROW_HEIGHT).add(TOP));
    node.stateProperty()
        .addListener(
            (property, before, after) ->
                StyleClasses.choose(label, NodeState.STYLE_CLASSES, after.styleClass()));
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
   * A line from every proxy to every cluster (each proxy gets every cluster over ADS), from each
   * cluster to each of its zones, and from each zone a bus down its block of instances. Rebuilt
   * only when that geometry changes; {@link #showCalls()} weighs and colours the lines.
   */
  private void drawEdges() {
    List<TopologyNode> proxies = new ArrayList<>();
    List<TopologyNode> clusters = new ArrayList<>();
    Map<String, List<TopologyNode>> zones = new LinkedHashMap<>();
    Map<ZoneKey, Integer> lastInstanceRow = new HashMap<>();
    for (TopologyNode node : viewModel.nodes()) {
      switch (node.kind()) {
        case PROXY -> proxies.add(node);
        case CLUSTER -> clusters.add(node);
        case ZONE -> zones.computeIfAbsent(node.cluster(), any -> new ArrayList<>()).add(node);
        case INSTANCE -> lastInstanceRow.merge(node.zoneKey(), node.row(), Math::max);
      }
    }
    List<Integer> geometry = new ArrayList<>();
    proxies.forEach(proxy -> geometry.add(proxy.row()));
    for (TopologyNode cluster : clusters) {
      geometry.add(-1 - cluster.row()); // negative: a cluster's row cannot pass for a zone's
      for (TopologyNode zone : zones.getOrDefault(cluster.cluster(), List.of())) {
        geometry.add(zone.row());
        geometry.add(lastRow(zone, lastInstanceRow));
      }
    }
    if (geometry.equals(drawn)) {
      return;
    }
    drawn = geometry;
    drawnEdges.clear();
    for (TopologyNode cluster : clusters) {
      double clusterY = middle(cluster.row());
      for (TopologyNode proxy : proxies) {
        // A proxy's calls are reported over every service, not per service: its line is as wide
        // as all of them, coloured by the service's failing share.
        edge(right(0), middle(proxy.row()), COLUMN_X[1], clusterY, proxy, cluster);
      }
      for (TopologyNode zone : zones.getOrDefault(cluster.cluster(), List.of())) {
        double zoneY = middle(zone.row());
        edge(right(1), clusterY, COLUMN_X[2], zoneY, zone, zone);
        edge(right(2), zoneY, INSTANCES_X, zoneY, zone, zone);
        edge(BUS_X, zoneY, BUS_X, middle(lastRow(zone, lastInstanceRow)), zone, zone);
      }
    }
    edges.getChildren().setAll(drawnEdges.stream().map(Edge::line).toList());
  }

  private static int lastRow(TopologyNode zone, Map<ZoneKey, Integer> lastInstanceRow) {
    return Math.max(zone.row(), lastInstanceRow.getOrDefault(zone.zoneKey(), zone.row()));
  }

  /**
   * Brings the calls up to date: each label's rate and share and its style class for a failing
   * share, each edge's width (against the widest of its kind) and colour. A label or a line is
   * touched only when what it shows changed.
   */
  private void showCalls() {
    labels.forEach(
        (node, label) -> {
          String text = node.label() + "\n" + CallsOverlay.text(node.calls());
          if (!text.equals(label.getText())) {
            label.setText(text);
          }
          StyleClasses.choose(
              label, CallsOverlay.STYLE_CLASSES, CallsOverlay.styleClass(node.calls()));
        });
    Map<Kind, Double> largest = new EnumMap<>(Kind.class);
    for (Edge edge : drawnEdges) {
      largest.merge(
          edge.weighedBy().kind(), edge.weighedBy().calls().requestsPerSecond(), Math::max);
    }
    for (Edge edge : drawnEdges) {
      double width =
          CallsOverlay.edgeWidth(
              edge.weighedBy().calls().requestsPerSecond(), largest.get(edge.weighedBy().kind()));
      if (edge.line().getStrokeWidth() != width) {
        edge.line().setStrokeWidth(width);
      }
      StyleClasses.choose(
          edge.line(),
          CallsOverlay.STYLE_CLASSES,
          CallsOverlay.styleClass(edge.colouredBy().calls()));
    }
  }

  private static double right(int column) {
    return COLUMN_X[column] + COLUMN_WIDTH[column];
  }

  private static double middle(int row) {
    return TOP + row * ROW_HEIGHT + 16;
  }

  private void edge(
      double x1, double y1, double x2, double y2, TopologyNode weighedBy, TopologyNode colouredBy) {
    Line line = new Line(x1, y1, x2, y2);
    line.getStyleClass().add("topology-edge");
    drawnEdges.add(new Edge(line, weighedBy, colouredBy));
  }

  @FXML
  private void copyAddress() {
    ClipboardContent content = new ClipboardContent();
    content.putString(viewModel.selectedAddressProperty().get());
    Clipboard.getSystemClipboard().setContent(content);
  }

  @FXML
  private void openInPortal() {
    openLink.accept(URI.create(viewModel.selectedPortalLinkProperty().get()));
  }

  public Parent root() {
    return root;
  }
}
