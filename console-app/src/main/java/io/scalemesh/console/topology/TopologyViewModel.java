package io.scalemesh.console.topology;

import static java.util.stream.Collectors.toSet;

import com.google.protobuf.Message;
import io.scalemesh.console.mesh.CallErrors;
import io.scalemesh.console.mesh.Timestamps;
import io.scalemesh.console.topology.TopologyNode.Kind;
import io.scalemesh.model.console.v1.Instance;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.Proxy;
import io.scalemesh.model.console.v1.ScaleSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live topology: proxies, the clusters they route to, each cluster's zones and each zone's
 * instances, laid out on a grid, each node with the calls the proxies report through or to it.
 * Nodes are created once and changed in place; each keeps its slot (see {@link SlotAllocator}); a
 * node that disappears is shown as gone for {@link #GONE_SHOWN} first. A cluster's instances wrap
 * into as many columns as the view has room for, so that every instance has a cell whatever the
 * window's width (the view scrolls down to the rows below).
 */
public final class TopologyViewModel {
  static final int DEFAULT_INSTANCE_COLUMNS = 6;
  static final Duration GONE_SHOWN = Duration.ofSeconds(8);

  /** Proxies, clusters and zones have a column each; then the instances'. */
  static final int FIRST_INSTANCE_COLUMN = 3;

  private static final Comparator<TopologyNode> BY_SLOT =
      Comparator.comparingInt(TopologyNode::slot);

  private final InstantSource clock;
  private final ObservableList<TopologyNode> nodes = FXCollections.observableArrayList();
  private final ObservableList<TopologyNode> readOnlyNodes =
      FXCollections.unmodifiableObservableList(nodes);
  private final Map<String, TopologyNode> byId = new HashMap<>();
  private final Map<String, SlotAllocator> slots = new HashMap<>();
  private final ObjectProperty<TopologyNode> selected = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper details =
      new ReadOnlyStringWrapper("Select a node to see its details.");
  private final ReadOnlyIntegerWrapper applied = new ReadOnlyIntegerWrapper();

  /** The portal opens any resource by its id after this. */
  private static final String AZURE_PORTAL_RESOURCE = "https://portal.azure.com/#resource";

  private final ReadOnlyStringWrapper selectedAddress = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper selectedPortalLink = new ReadOnlyStringWrapper("");
  private final IntegerProperty instanceColumns =
      new SimpleIntegerProperty(DEFAULT_INSTANCE_COLUMNS);

  /**
   * @param clock real time, for how long gone nodes stay
   */
  public TopologyViewModel(InstantSource clock) {
    this.clock = clock;
    selected.addListener((property, before, after) -> describeSelected());
    instanceColumns.addListener(
        (property, before, after) -> {
          if (after.intValue() < 1) {
            instanceColumns.set(1);
            return;
          }
          arrangeRows();
          applied.set(applied.get() + 1);
        });
  }

  public void apply(MeshStatus status) {
    Instant observed = Timestamps.toInstant(status.getObservedAt());
    List<Seen> seen = seen(status);
    // Each node looked up once (null for a newcomer): at 5,000 instances, the lookups by id were
    // the costliest part of an update.
    List<TopologyNode> found = new ArrayList<>(seen.size());
    Set<TopologyNode> shown = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Seen item : seen) {
      TopologyNode node = byId.get(item.id());
      found.add(node);
      if (node != null) {
        shown.add(node);
      }
    }
    // Retire first, so that a newcomer can take the cell of a node that has just expired.
    retire(shown);
    for (int i = 0; i < seen.size(); i++) {
      Seen item = seen.get(i);
      TopologyNode node = found.get(i);
      if (node == null) {
        node =
            new TopologyNode(
                item.id(),
                item.kind(),
                item.label(),
                item.cluster(),
                item.zone(),
                slots(group(item.kind(), item.cluster(), item.zone())).claim(item.id()),
                observed);
        byId.put(item.id(), node);
        nodes.add(node);
      }
      node.update(item.state(), item.source(), item.calls());
    }
    arrangeRows();
    describeSelected();
    applied.set(applied.get() + 1);
  }

  /**
   * Forgets every node: a new stream begins (perhaps from another control plane), and its first
   * status is complete. Without this, the old stream's nodes would linger as "gone".
   */
  public void startAfresh() {
    selected.set(null);
    nodes.clear();
    byId.clear();
    slots.clear();
    applied.set(applied.get() + 1);
  }

  /** A node as this status shows it. */
  private record Seen(
      String id,
      Kind kind,
      String label,
      String cluster,
      String zone,
      NodeState state,
      Message source,
      CallErrors calls) {}

  private static List<Seen> seen(MeshStatus status) {
    List<Seen> seen = new ArrayList<>();
    for (Proxy proxy : status.getProxiesList()) {
      NodeState state =
          !proxy.getLastNack().isEmpty()
              ? NodeState.UNHEALTHY
              : proxy.getInSync() ? NodeState.READY : NodeState.BOOTING;
      seen.add(
          new Seen(
              "proxy:" + proxy.getNodeId(),
              Kind.PROXY,
              proxy.getNodeId(),
              "",
              "",
              state,
              proxy,
              CallErrors.of(proxy.getTraffic())));
    }
    for (ScaleSet scaleSet : status.getScaleSetsList()) {
      String name = scaleSet.getName();
      boolean serving =
          scaleSet.getDiscoveryError().isEmpty()
              && scaleSet.getInstancesList().stream()
                  .anyMatch(i -> NodeState.of(i.getEndpointStatus()) == NodeState.READY);
      seen.add(
          new Seen(
              "cluster:" + name,
              Kind.CLUSTER,
              name,
              name,
              "",
              serving ? NodeState.READY : NodeState.UNHEALTHY,
              scaleSet,
              CallErrors.of(scaleSet.getTraffic())));
      Map<String, List<Instance>> zones = new LinkedHashMap<>();
      for (Instance instance : scaleSet.getInstancesList()) {
        zones.computeIfAbsent(instance.getZone(), zone -> new ArrayList<>()).add(instance);
      }
      zones.forEach(
          (zone, instances) -> {
            seen.add(
                new Seen(
                    "zone:" + name + "/" + zone,
                    Kind.ZONE,
                    zone.isEmpty() ? "no zone" : "zone " + zone,
                    name,
                    zone,
                    zoneState(instances),
                    scaleSet,
                    summed(instances)));
            for (Instance instance : instances) {
              seen.add(
                  new Seen(
                      "instance:" + name + "/" + instance.getName(),
                      Kind.INSTANCE,
                      instance.getName(),
                      name,
                      zone,
                      NodeState.of(instance.getEndpointStatus()),
                      instance,
                      CallErrors.of(instance.getTraffic())));
            }
          });
    }
    return seen;
  }

  /** A zone is as well as its best instance: ready while any is. */
  private static NodeState zoneState(List<Instance> instances) {
    Set<NodeState> states =
        instances.stream().map(i -> NodeState.of(i.getEndpointStatus())).collect(toSet());
    for (NodeState best : List.of(NodeState.READY, NodeState.BOOTING, NodeState.DRAINING)) {
      if (states.contains(best)) {
        return best;
      }
    }
    return NodeState.UNHEALTHY;
  }

  /** The calls to a zone: its instances', added up. */
  private static CallErrors summed(List<Instance> instances) {
    double requests = 0;
    double errors = 0;
    for (Instance instance : instances) {
      requests += instance.getTraffic().getRequestsPerSecond();
      errors += instance.getTraffic().getErrorsPerSecond();
    }
    return new CallErrors(requests, errors);
  }

  /** Marks what disappeared as gone, and drops what has been gone long enough. */
  private void retire(Set<TopologyNode> shown) {
    Instant now = clock.instant();
    List<TopologyNode> expired = new ArrayList<>();
    for (TopologyNode node : nodes) {
      if (!shown.contains(node)) {
        node.gone(now);
        if (!node.goneSince().plus(GONE_SHOWN).isAfter(now)) {
          expired.add(node);
        }
      }
    }
    for (TopologyNode node : expired) {
      byId.remove(node.id());
      slots(group(node.kind(), node.cluster(), node.zone())).release(node.id());
      if (node == selected.get()) {
        selected.set(null);
      }
    }
    nodes.removeAll(expired);
  }

  /**
   * Clusters stack top to bottom, each as many rows high as its zones; a zone is as many rows high
   * as its instances need.
   */
  private void arrangeRows() {
    int columns = instanceColumns.get();
    Map<String, List<TopologyNode>> zonesByCluster = new HashMap<>();
    List<TopologyNode> clusters = new ArrayList<>();
    for (TopologyNode node : nodes) {
      switch (node.kind()) {
        case CLUSTER -> clusters.add(node);
        case ZONE ->
            zonesByCluster.computeIfAbsent(node.cluster(), any -> new ArrayList<>()).add(node);
        case PROXY, INSTANCE -> {}
      }
    }
    clusters.sort(BY_SLOT);
    Map<TopologyNode.ZoneKey, Integer> zoneRow = new HashMap<>();
    int row = 0;
    for (TopologyNode cluster : clusters) {
      cluster.place(row, 1);
      List<TopologyNode> zones = zonesByCluster.getOrDefault(cluster.cluster(), List.of());
      zones.sort(BY_SLOT);
      int clusterRows = 0;
      for (TopologyNode zone : zones) {
        zone.place(row + clusterRows, 2);
        zoneRow.put(zone.zoneKey(), row + clusterRows);
        int instances = slots(group(Kind.INSTANCE, zone.cluster(), zone.zone())).extent();
        clusterRows += Math.max(1, (instances + columns - 1) / columns);
      }
      row += Math.max(1, clusterRows);
    }
    for (TopologyNode node : nodes) {
      switch (node.kind()) {
        case PROXY -> node.place(node.slot(), 0);
        case INSTANCE ->
            node.place(
                zoneRow.getOrDefault(node.zoneKey(), 0) + node.slot() / columns,
                FIRST_INSTANCE_COLUMN + node.slot() % columns);
        case CLUSTER, ZONE -> {}
      }
    }
  }

  private void describeSelected() {
    TopologyNode node = selected.get();
    details.set(node == null ? "Select a node to see its details." : NodeDetails.describe(node));
    selectedAddress.set(
        node != null && node.source() instanceof Instance instance
            ? instance.getPrivateIp() + (instance.getPort() == 0 ? "" : ":" + instance.getPort())
            : "");
    selectedPortalLink.set(
        node != null
                && node.source() instanceof Instance instance
                && !instance.getAzureResourceId().isEmpty()
            ? AZURE_PORTAL_RESOURCE + instance.getAzureResourceId()
            : "");
  }

  private SlotAllocator slots(String group) {
    return slots.computeIfAbsent(group, any -> new SlotAllocator());
  }

  /**
   * Slots are numbered per group: the proxies, the clusters, each cluster's zones, and each zone's
   * instances.
   */
  private static String group(Kind kind, String cluster, String zone) {
    return switch (kind) {
      case PROXY, CLUSTER -> kind.name();
      case ZONE -> "zones:" + cluster;
      case INSTANCE -> "instances:" + cluster + "/" + zone;
    };
  }

  /** The nodes, in the order they appeared. */
  public ObservableList<TopologyNode> nodes() {
    return readOnlyNodes;
  }

  public ObjectProperty<TopologyNode> selectedProperty() {
    return selected;
  }

  /**
   * How many statuses have been applied. A view that draws all the nodes at once redraws when this
   * changes, once per status rather than once per changed node.
   */
  public ReadOnlyIntegerProperty appliedProperty() {
    return applied.getReadOnlyProperty();
  }

  /**
   * How many instance columns the view has room for; the view sets it from its width, and the
   * instances wrap into that many.
   */
  public IntegerProperty instanceColumnsProperty() {
    return instanceColumns;
  }

  /**
   * How many rows the grid has: the proxies' or the clusters' with their instances, whichever more.
   */
  public int rows() {
    int rows = 0;
    for (TopologyNode node : nodes) {
      rows = Math.max(rows, node.row() + 1);
    }
    return rows;
  }

  /** The selected instance's address (IP:port), to copy; empty when no instance is selected. */
  public ReadOnlyStringProperty selectedAddressProperty() {
    return selectedAddress.getReadOnlyProperty();
  }

  /** The selected instance's page in the Azure portal; empty unless an Azure VM is selected. */
  public ReadOnlyStringProperty selectedPortalLinkProperty() {
    return selectedPortalLink.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty detailsProperty() {
    return details.getReadOnlyProperty();
  }
}
