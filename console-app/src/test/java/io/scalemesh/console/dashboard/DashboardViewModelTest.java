package io.scalemesh.console.dashboard;

import static io.scalemesh.console.Statuses.T0;
import static io.scalemesh.console.Statuses.at;
import static io.scalemesh.console.Statuses.backend;
import static io.scalemesh.console.Statuses.instance;
import static io.scalemesh.console.Statuses.ready;
import static io.scalemesh.console.Statuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.model.console.v1.EndpointStatus;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.Proxy;
import io.scalemesh.model.console.v1.ScaleAction;
import io.scalemesh.model.console.v1.ScaleProgress;
import org.junit.jupiter.api.Test;

class DashboardViewModelTest {
  private final DashboardViewModel dashboard = new DashboardViewModel();

  @Test
  void showsTheSelectedScaleSetAndTheMeshAroundIt() {
    MeshStatus status =
        status(
                T0,
                backend(
                        4,
                        ready("backend-1", 80),
                        ready("backend-2", 90),
                        instance("backend-3", EndpointStatus.ENDPOINT_STATUS_BOOTING, 10))
                    .setCooldownUntil(at(T0.plusSeconds(45)))
                    .setLastScaleAction(
                        ScaleAction.newBuilder()
                            .setAt(at(T0.minusSeconds(15)))
                            .setActor("autoscale")
                            .setFromCapacity(3)
                            .setToCapacity(4)
                            .setReason("CPU above 75%")))
            .toBuilder()
            .addProxies(Proxy.newBuilder().setNodeId("edge-1").setInSync(true))
            .addProxies(Proxy.newBuilder().setNodeId("grpc-client").setInSync(false))
            .build();

    dashboard.apply(status, "backend");

    assertThat(dashboard.readyProperty().get()).isEqualTo(2);
    assertThat(dashboard.totalProperty().get()).isEqualTo(3);
    assertThat(dashboard.desiredProperty().get()).isEqualTo(4);
    assertThat(dashboard.cpuProperty().get()).isEqualTo(60.0);
    assertThat(dashboard.cpuBandsProperty().get())
        .containsExactly(
            new DashboardViewModel.CpuBand(75, 100, true),
            new DashboardViewModel.CpuBand(0, 25, false));
    assertThat(dashboard.snapshotVersionProperty().get()).isEqualTo("v1");
    assertThat(dashboard.snapshotAgeProperty().get())
        .isEqualTo("published 30 s ago (control plane clock)");
    assertThat(dashboard.proxiesInSyncProperty().get()).isEqualTo(1);
    assertThat(dashboard.proxiesConnectedProperty().get()).isEqualTo(2);
    // The issue: "0 / 1" (one out of sync) read like 1 / 1.
    assertThat(dashboard.proxiesProperty().get()).isEqualTo("1 of 2 in sync");
    assertThat(dashboard.proxiesDetailProperty().get()).isEqualTo("1 out of sync");
    assertThat(dashboard.cooldownProperty().get()).isEqualTo("45 s remaining");
    assertThat(dashboard.lastActionProperty().get())
        .isEqualTo("autoscale: 3 -> 4, 15 s ago (CPU above 75%)");
  }

  @Test
  void aLaterUpdateReplacesTheFiguresAndAnExpiredCooldownIsNone() {
    dashboard.apply(
        status(T0, backend(2, ready("backend-1", 10)).setCooldownUntil(at(T0.plusSeconds(30)))),
        "backend");
    dashboard.apply(
        status(
            T0.plusSeconds(60),
            backend(3, ready("backend-1", 10), ready("backend-2", 30))
                .setCooldownUntil(at(T0.plusSeconds(30)))),
        "backend");

    assertThat(dashboard.readyProperty().get()).isEqualTo(2);
    assertThat(dashboard.desiredProperty().get()).isEqualTo(3);
    assertThat(dashboard.cpuProperty().get()).isEqualTo(20.0);
    assertThat(dashboard.cooldownProperty().get()).isEqualTo("none");
    assertThat(dashboard.lastActionProperty().get()).isEqualTo("none yet");
  }

  @Test
  void aChangeInProgressOrFailedSaysSoAndACpuThatCannotBeReadIsNotAFigure() {
    ScaleAction.Builder asked =
        ScaleAction.newBuilder()
            .setAt(at(T0.minusSeconds(15)))
            .setActor("ops")
            .setFromCapacity(2)
            .setToCapacity(3)
            .setProgress(ScaleProgress.SCALE_PROGRESS_IN_PROGRESS);
    dashboard.apply(
        status(
            T0,
            backend(3, ready("backend-1", 0))
                .setLastScaleAction(asked)
                .setCpuError("Azure Monitor answered the metric 'BlobCount'")),
        "backend");

    assertThat(dashboard.lastActionProperty().get())
        .isEqualTo("ops: 2 -> 3, 15 s ago, in progress");
    assertThat(dashboard.cpuErrorProperty().get())
        .isEqualTo("not read: Azure Monitor answered the metric 'BlobCount'");

    dashboard.apply(
        status(
            T0,
            backend(3, ready("backend-1", 0))
                .setLastScaleAction(
                    asked
                        .setProgress(ScaleProgress.SCALE_PROGRESS_FAILED)
                        .setFailure("QuotaExceeded: cores"))),
        "backend");

    assertThat(dashboard.lastActionProperty().get())
        .isEqualTo("ops: 2 -> 3, 15 s ago, failed: QuotaExceeded: cores");
    assertThat(dashboard.cpuErrorProperty().get()).isEmpty();
  }

  /** The issue: before data, the gauge showed 0 % with a full red arc. */
  @Test
  void beforeAnyDataTheGaugeHasNoBandsAndSaysSo() {
    DashboardViewModel fresh = new DashboardViewModel();
    assertThat(fresh.cpuBandsProperty().get()).isEmpty();
    assertThat(fresh.cpuErrorProperty().get()).isEqualTo("no data yet");
    assertThat(fresh.proxiesProperty().get()).isEqualTo("none connected");
  }
}
