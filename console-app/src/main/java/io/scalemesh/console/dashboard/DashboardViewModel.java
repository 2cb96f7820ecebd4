package io.scalemesh.console.dashboard;

import io.scalemesh.console.mesh.Durations;
import io.scalemesh.console.mesh.ScaleSetSummary;
import io.scalemesh.console.mesh.Timestamps;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.Proxy;
import io.scalemesh.model.console.v1.ScaleAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
  private final ReadOnlyStringWrapper snapshotVersion = new ReadOnlyStringWrapper("none yet");
  private final ReadOnlyStringWrapper snapshotAge = new ReadOnlyStringWrapper("");
  private final ReadOnlyIntegerWrapper proxiesInSync = new ReadOnlyIntegerWrapper();
  private final ReadOnlyIntegerWrapper proxiesConnected = new ReadOnlyIntegerWrapper();
  private final ReadOnlyStringWrapper cooldown = new ReadOnlyStringWrapper("none");
  private final ReadOnlyStringWrapper lastAction = new ReadOnlyStringWrapper("none yet");
  private final ReadOnlyStringWrapper cpuError = new ReadOnlyStringWrapper("no data yet");
  private final ReadOnlyStringWrapper proxies = new ReadOnlyStringWrapper("none connected");
  private final ReadOnlyStringWrapper proxiesDetail = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<List<CpuBand>> cpuBands =
      new ReadOnlyObjectWrapper<>(List.of());

  /** A part of the CPU gauge: where autoscale scales out (above) or in (below). */
  public record CpuBand(double from, double to, boolean scaleOut) {}

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
              cpuBands.set(bands(summary));
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
              + " ago (control plane clock)");
    }
    proxiesConnected.set(status.getProxiesCount());
    proxiesInSync.set((int) status.getProxiesList().stream().filter(Proxy::getInSync).count());
    int outOfSync = proxiesConnected.get() - proxiesInSync.get();
    proxies.set(
        proxiesConnected.get() == 0
            ? "none connected"
            : proxiesInSync.get() + " of " + proxiesConnected.get() + " in sync");
    proxiesDetail.set(outOfSync == 0 ? "" : outOfSync + " out of sync");
  }

  /**
   * The gauge's bands: none without autoscale (a band from 0 would paint the whole arc red before
   * any data).
   */
  private static List<CpuBand> bands(ScaleSetSummary summary) {
    List<CpuBand> bands = new ArrayList<>();
    if (summary.scaleOutAbove() > 0) {
      bands.add(new CpuBand(summary.scaleOutAbove(), 100, true));
    }
    if (summary.scaleInBelow() > 0) {
      bands.add(new CpuBand(0, summary.scaleInBelow(), false));
    }
    return List.copyOf(bands);
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

  /** "1 of 2 in sync", or "none connected": never two figures that read alike. */
  public ReadOnlyStringProperty proxiesProperty() {
    return proxies.getReadOnlyProperty();
  }

  /** "1 out of sync", empty when all are in sync. */
  public ReadOnlyStringProperty proxiesDetailProperty() {
    return proxiesDetail.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<List<CpuBand>> cpuBandsProperty() {
    return cpuBands.getReadOnlyProperty();
  }

  /** Why the CPU figure is missing ("no data yet", "not read: ..."), empty while CPU is read. */
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
