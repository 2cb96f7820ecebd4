package io.scalemesh.console.topology;

import com.google.protobuf.Message;
import java.time.Instant;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One node of the topology. It lives as long as what it stands for, and changes in place: its state
 * and its place in the grid are properties a view binds to.
 */
public final class TopologyNode {
  public enum Kind {
    PROXY,
    CLUSTER,
    INSTANCE
  }

  private final String id;
  private final Kind kind;
  private final String label;
  private final String cluster;
  private final int slot;
  private final Instant firstSeen;
  private final ReadOnlyObjectWrapper<NodeState> state =
      new ReadOnlyObjectWrapper<>(NodeState.BOOTING);
  private final ReadOnlyIntegerWrapper row = new ReadOnlyIntegerWrapper();
  private int column;
  private Message source;
  private Instant goneSince;

  TopologyNode(String id, Kind kind, String label, String cluster, int slot, Instant firstSeen) {
    this.id = id;
    this.kind = kind;
    this.label = label;
    this.cluster = cluster;
    this.slot = slot;
    this.firstSeen = firstSeen;
    // Its column from the start: a view places a proxy's or a cluster's label when it is added.
    this.column = kind.ordinal();
  }

  public String id() {
    return id;
  }

  public Kind kind() {
    return kind;
  }

  public String label() {
    return label;
  }

  /** The cluster (scale set) an instance belongs to, or a cluster's own name; empty for proxies. */
  public String cluster() {
    return cluster;
  }

  /**
   * Its column in the grid: proxies 0, clusters 1, instances from 2 on (as many columns as the view
   * has room for, see {@link TopologyViewModel#instanceColumnsProperty()}).
   */
  public int column() {
    return column;
  }

  int slot() {
    return slot;
  }

  /** When the console first saw it, on the control plane's clock. */
  public Instant firstSeen() {
    return firstSeen;
  }

  public ReadOnlyObjectProperty<NodeState> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public NodeState state() {
    return state.get();
  }

  public int row() {
    return row.get();
  }

  public ReadOnlyIntegerProperty rowProperty() {
    return row.getReadOnlyProperty();
  }

  /** The latest status message this node stands for (an Instance, a ScaleSet or a Proxy). */
  Message source() {
    return source;
  }

  void update(NodeState newState, Message newSource) {
    state.set(newState);
    source = newSource;
    goneSince = null;
  }

  void gone(Instant now) {
    if (goneSince == null) {
      state.set(NodeState.GONE);
      goneSince = now;
    }
  }

  Instant goneSince() {
    return goneSince;
  }

  void place(int newRow, int newColumn) {
    column = newColumn;
    row.set(newRow);
  }
}
