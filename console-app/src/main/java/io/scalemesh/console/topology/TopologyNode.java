package io.scalemesh.console.topology;

import com.google.protobuf.Message;
import io.scalemesh.console.mesh.CallErrors;
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
  static final CallErrors NO_CALLS = new CallErrors(0, 0);

  public enum Kind {
    PROXY,
    CLUSTER,
    /** The instances of one cluster in one availability zone. */
    ZONE,
    INSTANCE
  }

  private final String id;
  private final Kind kind;
  private final String label;
  private final String cluster;
  private final String zone;
  private final ZoneKey zoneKey;
  private final int slot;
  private final Instant firstSeen;
  private final ReadOnlyObjectWrapper<NodeState> state =
      new ReadOnlyObjectWrapper<>(NodeState.BOOTING);
  private final ReadOnlyIntegerWrapper row = new ReadOnlyIntegerWrapper();
  private int column;
  private Message source;
  private CallErrors calls = NO_CALLS;
  private Instant goneSince;

  TopologyNode(
      String id,
      Kind kind,
      String label,
      String cluster,
      String zone,
      int slot,
      Instant firstSeen) {
    this.id = id;
    this.kind = kind;
    this.label = label;
    this.cluster = cluster;
    this.zone = zone;
    this.zoneKey = new ZoneKey(cluster, zone);
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

  /** The zone of an instance, or a zone's own; empty for proxies and clusters. */
  public String zone() {
    return zone;
  }

  /**
   * A zone of a cluster, as a map key: the layout looks up a zone per instance on every status, and
   * a key made once costs less than a string joined each time.
   */
  record ZoneKey(String cluster, String zone) {}

  /** The zone of a zone or an instance, with its cluster. */
  ZoneKey zoneKey() {
    return zoneKey;
  }

  /**
   * Its column in the grid: proxies 0, clusters 1, zones 2, instances from 3 on (as many columns as
   * the view has room for, see {@link TopologyViewModel#instanceColumnsProperty()}).
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

  /**
   * The calls the proxies reported through it (a proxy), to it (a cluster, a zone, an instance):
   * requests per second and the share that failed. None once it is gone.
   */
  public CallErrors calls() {
    return goneSince == null ? calls : NO_CALLS;
  }

  void update(NodeState newState, Message newSource, CallErrors newCalls) {
    state.set(newState);
    source = newSource;
    calls = newCalls;
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
