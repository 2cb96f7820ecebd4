package io.scalemesh.console.instances;

import io.scalemesh.console.topology.NodeState;
import io.scalemesh.model.console.v1.Instance;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One instance in the table; updated in place so that selection and scroll position survive. */
public final class InstanceRow {
  private final String scaleSet;
  private final String name;
  private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper zone = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper privateIp = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper publicIp = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper health = new ReadOnlyStringWrapper();
  private final ReadOnlyDoubleWrapper cpu = new ReadOnlyDoubleWrapper();
  private final ReadOnlyDoubleWrapper callsPerSecond = new ReadOnlyDoubleWrapper();
  private final ReadOnlyDoubleWrapper errorsPerSecond = new ReadOnlyDoubleWrapper();

  /** The number of the latest status this instance was in (see InstanceTableViewModel). */
  private long seenIn;

  InstanceRow(String scaleSet, Instance instance) {
    this.scaleSet = scaleSet;
    this.name = instance.getName();
    update(instance);
  }

  void update(Instance instance) {
    state.set(NodeState.of(instance.getEndpointStatus()).word());
    zone.set(instance.getZone());
    privateIp.set(
        instance.getPrivateIp() + (instance.getPort() == 0 ? "" : ":" + instance.getPort()));
    publicIp.set(instance.getPublicIp());
    health.set(instance.getHealthState());
    cpu.set(instance.getCpuPercent());
    // As the proxies report them (load reports); 0 until one has.
    callsPerSecond.set(instance.getTraffic().getRequestsPerSecond());
    errorsPerSecond.set(instance.getTraffic().getErrorsPerSecond());
  }

  void seenIn(long status) {
    seenIn = status;
  }

  boolean wasSeenIn(long status) {
    return seenIn == status;
  }

  public String scaleSet() {
    return scaleSet;
  }

  public String name() {
    return name;
  }

  public ReadOnlyStringProperty stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty zoneProperty() {
    return zone.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty privateIpProperty() {
    return privateIp.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty publicIpProperty() {
    return publicIp.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty healthProperty() {
    return health.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty cpuProperty() {
    return cpu.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty callsPerSecondProperty() {
    return callsPerSecond.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty errorsPerSecondProperty() {
    return errorsPerSecond.getReadOnlyProperty();
  }
}
