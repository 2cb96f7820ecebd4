package io.scalemesh.console.health;

import static io.scalemesh.console.Statuses.T0;
import static io.scalemesh.console.Statuses.backend;
import static io.scalemesh.console.Statuses.instance;
import static io.scalemesh.console.Statuses.ready;
import static io.scalemesh.console.Statuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.console.client.ConnectionState;
import io.scalemesh.console.health.Health.Level;
import io.scalemesh.model.console.v1.EndpointStatus;
import io.scalemesh.model.console.v1.Instance;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.Proxy;
import io.scalemesh.model.console.v1.RemovalHold;
import io.scalemesh.model.console.v1.Traffic;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** One word for the mesh's health, and the reasons behind it. */
class HealthViewModelTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final HealthViewModel health = new HealthViewModel(now::get);

  @Test
  void unknownUntilLiveAndAgainWhenTheConnectionIsLost() {
    assertThat(health.healthProperty().get().summary()).isEqualTo("UNKNOWN: not live");
    health.connection(new ConnectionState.Live("cp:1", "ops", true));
    health.apply(status(T0, backend(2, ready("backend-1", 10), ready("backend-2", 10))));
    assertThat(health.healthProperty().get())
        .isEqualTo(new Health(Level.HEALTHY, java.util.List.of()));

    health.connection(new ConnectionState.Connecting("cp:1", 2));
    assertThat(health.healthProperty().get().level()).isEqualTo(Level.UNKNOWN);
  }

  /** The issue: "Proxies 0 / 1" (one out of sync) looked like 1 / 1, and nothing said why. */
  @Test
  void aProxyOutOfSyncForLongerThanAnAcknowledgementTakesDegradesTheMeshAndSaysSo() {
    health.connection(new ConnectionState.Live("cp:1", "ops", true));
    MeshStatus status =
        status(T0, backend(2, ready("backend-1", 10), ready("backend-2", 10))).toBuilder()
            .addProxies(Proxy.newBuilder().setNodeId("edge-1").setInSync(false))
            .addProxies(Proxy.newBuilder().setNodeId("client-1").setInSync(true))
            .build();
    health.apply(status);
    assertThat(health.healthProperty().get().level())
        .as("just published: the proxies have not had time to acknowledge")
        .isEqualTo(Level.HEALTHY);

    now.set(T0.plus(HealthViewModel.SYNC_GRACE));
    health.apply(status);
    assertThat(health.healthProperty().get().summary())
        .isEqualTo("DEGRADED: 1 of 2 proxies out of sync");
  }

  @Test
  void aServiceWithNothingReadyFailsAndTheOtherReasonsFollowWorstFirst() {
    health.connection(new ConnectionState.Live("cp:1", "ops", true));
    health.apply(
        status(
                T0,
                backend(
                        2,
                        instance("backend-1", EndpointStatus.ENDPOINT_STATUS_UNHEALTHY, 0),
                        instance("backend-2", EndpointStatus.ENDPOINT_STATUS_BOOTING, 0))
                    .setDiscoveryError("403 from Azure")
                    .setRemovalHold(RemovalHold.newBuilder().setGone(3)))
            .toBuilder()
            .addProxies(Proxy.newBuilder().setNodeId("edge-1").setInSync(true).setLastNack("bad"))
            .build());

    Health judged = health.healthProperty().get();
    assertThat(judged.level()).isEqualTo(Level.FAILING);
    assertThat(judged.reasons())
        .containsExactly(
            "backend: no instance ready",
            "backend: discovery failing, last good set kept (403 from Azure)",
            "backend: removal of 3 instances held",
            "backend: 1 instance unhealthy",
            "1 proxy rejected config (NACK)");
  }

  @Test
  void aServiceWhoseCallsFailIsDegradedAboveOnePercentAndFailingAboveTenNamingTheService() {
    health.connection(new ConnectionState.Live("cp:1", "ops", true));
    health.apply(status(T0, backend(2, ready("backend-1", 10)).setTraffic(traffic(40, 2))));
    assertThat(health.healthProperty().get().summary())
        .isEqualTo("DEGRADED: backend: 5.0 % of calls failing (2.0 of 40.0 req/s)");

    health.apply(status(T0, backend(2, ready("backend-1", 10)).setTraffic(traffic(40, 10))));
    assertThat(health.healthProperty().get().summary())
        .isEqualTo("FAILING: backend: 25 % of calls failing (10.0 of 40.0 req/s)");

    health.apply(status(T0, backend(2, ready("backend-1", 10)).setTraffic(traffic(40, 0.2))));
    assertThat(health.healthProperty().get().level())
        .as("0.5 %% of calls failing is within what a service may fail")
        .isEqualTo(Level.HEALTHY);
  }

  @Test
  void aTrickleOfCallsIsTooFewToJudge() {
    health.connection(new ConnectionState.Live("cp:1", "ops", true));
    health.apply(status(T0, backend(2, ready("backend-1", 10)).setTraffic(traffic(0.5, 0.5))));
    assertThat(health.healthProperty().get().level()).isEqualTo(Level.HEALTHY);
  }

  /** One bad instance among many barely moves the service's share, but an operator must see it. */
  @Test
  void instancesThatFailCallsWhileTheServiceDoesNotAreNamedWorstFirst() {
    health.connection(new ConnectionState.Live("cp:1", "ops", true));
    health.apply(
        status(
            T0,
            backend(
                    4,
                    withTraffic(ready("backend-1", 10), traffic(2, 0.1)),
                    withTraffic(ready("backend-2", 10), traffic(2, 1)),
                    withTraffic(ready("backend-3", 10), traffic(400, 0)),
                    withTraffic(ready("backend-4", 10), traffic(2, 0.5)),
                    withTraffic(ready("backend-5", 10), traffic(2, 0.2)),
                    withTraffic(ready("backend-6", 10), traffic(0.5, 0.5)))
                .setTraffic(traffic(408.5, 1.8))));
    assertThat(health.healthProperty().get().summary())
        .isEqualTo(
            "DEGRADED: backend: calls failing on backend-2 50 %, backend-4 25 %, backend-5 10 %"
                + " and 1 more");
  }

  private static Traffic traffic(double requestsPerSecond, double errorsPerSecond) {
    return Traffic.newBuilder()
        .setRequestsPerSecond(requestsPerSecond)
        .setErrorsPerSecond(errorsPerSecond)
        .build();
  }

  private static Instance withTraffic(Instance instance, Traffic traffic) {
    return instance.toBuilder().setTraffic(traffic).build();
  }
}
