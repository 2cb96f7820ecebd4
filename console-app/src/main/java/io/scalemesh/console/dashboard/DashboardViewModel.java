package io.scalemesh.console.dashboard;

import io.scalemesh.console.mesh.Durations;
import io.scalemesh.console.mesh.ScaleSetSummary;
import io.scalemesh.console.mesh.Timestamps;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.Proxy;
import io.scalemesh.model.console.v1.ScaleAction;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The dashboard's figures for the selected scale set and the mesh around it. Times ("ago",
 * "remaining") are measured on the control plane's clock, which the demo runs faster than real
 * time.
 */
public final class DashboardViewModel {
  private final ReadOnlyIntegerWrapper ready = new ReadOnlyIntegerWrapper();
  private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
  private final ReadOnlyIntegerWrapper desired = new ReadOnlyIntegerWrapper();
  private final ReadOnlyDoubleWrapper cpu = new ReadOnlyDoubleWrapper();
  private final ReadOnlyDoubleWrapper scaleOutAbove = new ReadOnlyDoubleWrapper();
  private final ReadOnlyDoubleWrapper scaleInBelow = new ReadOnlyDoubleWrapper();
  private final ReadOnlyStringWrapper snapshotVersion = new ReadOnlyStringWrapper("none yet");
  private final ReadOnlyStringWrapper snapshotAge = new ReadOnlyStringWrapper("");
  private final ReadOnlyIntegerWrapper proxiesInSync = new ReadOnlyIntegerWrapper();
  private final ReadOnlyIntegerWrapper proxiesConnected = new ReadOnlyIntegerWrapper();
  private final ReadOnlyStringWrapper cooldown = new ReadOnlyStringWrapper("none");
  private final ReadOnlyStringWrapper lastAction = new ReadOnlyStringWrapper("none yet");
  private final ReadOnlyStringWrapper cpuError = new ReadOnlyStringWrapper("");

  public void apply(MeshStatus status, String scaleSet) {
    Instant now = Timestamps.toInstant(status.getObservedAt());
    ScaleSetSummary.find(status, scaleSet)
        .ifPresent(
            summary -> {
              ready.set(summary.ready());
              total.set(summary.total());
              desired.set(summary.desired());
              cpu.set(summary.averageCpu());
              cpuError.set(summary.cpuError().isEmpty() ? "" : "not read: " + summary.cpuError());
              scaleOutAbove.set(summary.scaleOutAbove());
              scaleInBelow.set(summary.scaleInBelow());
              cooldown.set(
                  summary
                      .cooldownUntil()
                      .filter(now::isBefore)
                      .map(until -> Durations.humanize(Duration.between(now, until)) + " remaining")
                      .orElse("none"));
              lastAction.set(
                  summary.lastAction().map(action -> describe(action, now)).orElse("none yet"));
            });
    if (status.hasXds()) {
      snapshotVersion.set(status.getXds().getSnapshotVersion());
      snapshotAge.set(
          "published "
              + Durations.humanize(
                  Duration.between(Timestamps.toInstant(status.getXds().getPublishedAt()), now))
              + " ago");
    }
    proxiesConnected.set(status.getProxiesCount());
    proxiesInSync.set((int) status.getProxiesList().stream().filter(Proxy::getInSync).count());
  }

  private static String describe(ScaleAction action, Instant now) {
    return action.getActor()
        + ": "
        + action.getFromCapacity()
        + " -> "
        + action.getToCapacity()
        + ", "
        + Durations.humanize(Duration.between(Timestamps.toInstant(action.getAt()), now))
        + " ago"
        + (action.getReason().isEmpty() ? "" : " (" + action.getReason() + ")")
        + switch (action.getProgress()) {
          case SCALE_PROGRESS_IN_PROGRESS -> ", in progress";
          case SCALE_PROGRESS_FAILED -> ", failed: " + action.getFailure();
          default -> "";
        };
  }

  /** Why the CPU figure is missing ("not read: ..."), empty while CPU is read. */
  public ReadOnlyStringProperty cpuErrorProperty() {
    return cpuError.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty readyProperty() {
    return ready.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty totalProperty() {
    return total.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty desiredProperty() {
    return desired.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty cpuProperty() {
    return cpu.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty scaleOutAboveProperty() {
    return scaleOutAbove.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty scaleInBelowProperty() {
    return scaleInBelow.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty snapshotVersionProperty() {
    return snapshotVersion.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty snapshotAgeProperty() {
    return snapshotAge.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty proxiesInSyncProperty() {
    return proxiesInSync.getReadOnlyProperty();
  }

  public ReadOnlyIntegerProperty proxiesConnectedProperty() {
    return proxiesConnected.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty cooldownProperty() {
    return cooldown.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty lastActionProperty() {
    return lastAction.getReadOnlyProperty();
  }
}
