package io.scalemesh.controlplane.discovery.consul;

import static io.envoyproxy.envoy.config.core.v3.HealthStatus.DRAINING;
import static io.envoyproxy.envoy.config.core.v3.HealthStatus.HEALTHY;
import static io.envoyproxy.envoy.config.core.v3.HealthStatus.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.AdsSubscriber;
import io.scalemesh.controlplane.fixtures.ColdStartPatience;
import io.scalemesh.controlplane.fixtures.PublishedInstances;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.fixtures.TestHttp;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.tls.PemTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consul source in a running control plane, against a local server that keeps Consul's
 * blocking-query contract: what Consul says is what xDS serves, and a fault never removes anything.
 */
@ExtendWith(ColdStartPatience.class)
class ConsulDiscoveryTest {
  /**
   * Far longer than any await below: a change seen in time came through a blocking query's early
   * return.
   */
  private static final int LONG_WAIT_SECONDS = 120;

  private static final Duration ONE_ROUND = Duration.ofSeconds(20);

  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private ConsulCatalogStub consul;
  private ControlPlane plane;
  private AdsSubscriber xds;

  @Test
  void servesConsulsInstancesAndFollowsEveryChangeWithinOneBlockingRound() throws Exception {
    consul = teardown.add(ConsulCatalogStub.http(Optional.empty()));
    consul.register("web", "vm-1", "10.1.0.1", 8080, "passing", "blue");
    consul.register("web", "vm-2", "10.1.0.2", 8080, "warning", "blue");
    consul.register("web", "vm-3", "10.1.0.3", 8080, "critical", "blue");
    consul.register("web", "vm-4", "10.1.0.4", 8080, "passing", "blue");
    consul.maintenance("web", "vm-4", true);
    consul.register("web", "vm-9", "10.1.0.9", 8080, "passing", "green");
    start(consulConfig(consul.address(), LONG_WAIT_SECONDS, "blue"));

    await()
        .untilAsserted(
            () ->
                assertThat(xds.endpoints())
                    .isEqualTo(
                        Map.of(
                            "10.1.0.1:8080",
                            HEALTHY,
                            "10.1.0.2:8080",
                            HEALTHY,
                            "10.1.0.3:8080",
                            UNHEALTHY,
                            "10.1.0.4:8080",
                            DRAINING)));
    Instance first = PublishedInstances.of(plane).getFirst();
    assertThat(first.name()).isEqualTo("vm-1");
    assertThat(first.zone()).isEqualTo("1");
    assertThat(first.labels())
        .containsEntry("consul.tags", "blue")
        .containsEntry("consul.datacenter", "dc1");

    awaitBlockingQuery();
    consul.register("web", "vm-5", "10.1.0.5", 8080, "passing", "blue");
    await()
        .atMost(ONE_ROUND)
        .untilAsserted(() -> assertThat(xds.endpoints()).containsEntry("10.1.0.5:8080", HEALTHY));

    awaitBlockingQuery();
    consul.check("web", "vm-1", "critical");
    await()
        .atMost(ONE_ROUND)
        .untilAsserted(() -> assertThat(xds.endpoints()).containsEntry("10.1.0.1:8080", UNHEALTHY));

    consul.deregister("web", "vm-3");
    await()
        .atMost(ONE_ROUND)
        .untilAsserted(() -> assertThat(xds.endpoints()).doesNotContainKey("10.1.0.3:8080"));
    assertThat(consul.queries()).allSatisfy(query -> assertThat(query.service()).isEqualTo("web"));
  }

  @Test
  void anIndexThatGoesBackwardsStartsAFreshQueryAndLosesNoChange() throws Exception {
    consul = teardown.add(ConsulCatalogStub.http(Optional.empty()));
    consul.register("web", "vm-1", "10.1.0.1", 8080, "passing");
    start(consulConfig(consul.address(), LONG_WAIT_SECONDS, ""));
    await().until(() -> xds.endpoints().containsKey("10.1.0.1:8080"));
    awaitBlockingQuery();
    int before = consul.queries().size();

    consul.restoreSnapshot(3);

    await()
        .atMost(ONE_ROUND)
        .untilAsserted(
            () -> {
              // One copy: a query arriving between two reads made the second size past the first.
              List<ConsulCatalogStub.Query> queries = consul.queries();
              assertThat(queries.subList(before, queries.size()))
                  .as("a fresh query after the index went back")
                  .anySatisfy(query -> assertThat(query.index()).isZero());
            });
    consul.register("web", "vm-2", "10.1.0.2", 8080, "passing");
    await()
        .atMost(ONE_ROUND)
        .untilAsserted(
            () -> assertThat(xds.endpoints()).containsKeys("10.1.0.1:8080", "10.1.0.2:8080"));
    assertThat(consul.queries()).allSatisfy(query -> assertThat(query.index()).isNotNegative());
  }

  @Test
  void faultsKeepTheLastGoodSetAreReportedAndRecoverOnTheirOwn() throws Exception {
    consul = teardown.add(ConsulCatalogStub.http(Optional.empty()));
    consul.register("web", "vm-1", "10.1.0.1", 8080, "passing");
    consul.register("web", "vm-2", "10.1.0.2", 8080, "passing");
    // A short wait, so that a hung query times out (after wait + wait/16 + grace) within the test.
    start(consulConfig(consul.address(), 1, ""));
    Map<String, HealthStatus> good = Map.of("10.1.0.1:8080", HEALTHY, "10.1.0.2:8080", HEALTHY);
    await().until(() -> xds.endpoints().equals(good));
    String version = plane.publisher().current().orElseThrow().state().version();

    for (ConsulCatalogStub.Fault fault : ConsulCatalogStub.Fault.values()) {
      consul.inject(fault, 3);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(plane.publisher().inventory().errors()).containsKey("web"));
      assertThat(xds.endpoints()).as("endpoints during %s", fault).isEqualTo(good);
      assertThat(TestHttp.metrics(plane))
          .contains("scalemesh_discovery_healthy{scale_set=\"web\"} 0.0");
      assertThat(plane.publisher().current().orElseThrow().state().version()).isEqualTo(version);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> consul.faultsLeft() == 0 && plane.publisher().inventory().errors().isEmpty());
    }
    assertThat(TestHttp.metrics(plane))
        .contains("scalemesh_discovery_refreshes_total{outcome=\"error\",scale_set=\"web\"}")
        .contains("scalemesh_discovery_healthy{scale_set=\"web\"} 1.0");

    consul.register("web", "vm-3", "10.1.0.3", 8080, "passing");
    await()
        .atMost(ONE_ROUND)
        .untilAsserted(() -> assertThat(xds.endpoints()).containsKey("10.1.0.3:8080"));
  }

  @Test
  void aConsulThatAcceptsConnectionsButNeverAnswersIsNoticedWithinSecondsWhateverTheWait()
      throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                List<Socket> held = new ArrayList<>();
                while (!silent.isClosed()) {
                  try {
                    held.add(silent.accept());
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      start(consulConfig(URI.create("http://127.0.0.1:" + silent.getLocalPort()), 300, ""));

      // The query itself would time out only after the wait, its jitter and a grace: 5.4 minutes.
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(plane.publisher().inventory().errors().get("web"))
                      .contains("stopped answering"));
    }
  }

  @Test
  void anAclTokenAndMutualTlsAreUsed() throws Exception {
    Path tls = Path.of(getClass().getResource("/tls/ca.pem").toURI()).getParent();
    consul =
        teardown.add(
            ConsulCatalogStub.https(
                PemTls.context(
                    Optional.of(tls.resolve("ca.pem")),
                    Optional.of(tls.resolve("server.pem")),
                    Optional.of(tls.resolve("server.key"))),
                true));
    consul.register("web", "vm-1", "10.1.0.1", 8080, "passing");
    Path token = Files.writeString(dir.resolve("consul-token"), "s3cr3t-acl\n");
    start(
        """
        consul:
          address: %s
          token_file: %s
          datacenter: dc1
          tls: {ca_file: %s, certificate: %s, private_key: %s}
        services:
          - name: web
            discovery: {kind: consul}
        """
            .formatted(
                consul.address(),
                token,
                tls.resolve("ca.pem"),
                tls.resolve("client.pem"),
                tls.resolve("client.key")));

    await().untilAsserted(() -> assertThat(xds.endpoints()).containsOnlyKeys("10.1.0.1:8080"));
    assertThat(consul.queries())
        .allSatisfy(query -> assertThat(query.token()).contains("s3cr3t-acl"));
  }

  @Test
  void oneControlPlaneMixesASimulatedScaleSetAndAConsulService() throws Exception {
    consul = teardown.add(ConsulCatalogStub.http(Optional.empty()));
    consul.register("api", "vm-1", "10.1.0.1", 9000, "passing");
    start(
        """
        consul: {address: %s}
        services:
          - name: backend
            discovery: {kind: simulated, capacity: 2, boot_seconds: 0}
          - name: web
            protocol: http
            discovery: {kind: consul, service: api}
        """
            .formatted(consul.address()));

    await().untilAsserted(() -> assertThat(xds.endpoints()).containsOnlyKeys("10.1.0.1:9000"));
    try (AdsSubscriber simulated = AdsSubscriber.endpointsOf(plane.xdsPort(), "backend")) {
      await()
          .untilAsserted(() -> assertThat(simulated.endpoints()).hasSize(2).containsValue(HEALTHY));
    }
  }

  private void start(String yaml) {
    plane = teardown.add(ControlPlane.start(TestConfigs.fromYaml(dir, yaml), Clock.systemUTC()));
    xds = teardown.add(AdsSubscriber.endpointsOf(plane.xdsPort(), "web"));
  }

  private static String consulConfig(URI address, int waitSeconds, String tag) {
    return """
        consul: {address: %s, wait_seconds: %d}
        services:
          - name: web
            discovery: {kind: consul, tag: '%s'}
        """
        .formatted(address, waitSeconds, tag);
  }

  /**
   * Waits until the source has a blocking query outstanding, so that the next change must wake it.
   */
  private void awaitBlockingQuery() {
    await().until(() -> consul.waitingQueries() > 0);
  }
}
