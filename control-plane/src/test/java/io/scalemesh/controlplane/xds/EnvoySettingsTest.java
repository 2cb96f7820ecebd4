package io.scalemesh.controlplane.xds;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.TcpKeepalive;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.scalemesh.controlplane.mesh.BackendProtocol;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each setting that decides whether a request fails while hosts come and go, read from the
 * published resources; the test names say why it is set so (ClusterTranslator, RouteTranslator and
 * ListenerTranslator say it at length).
 */
class EnvoySettingsTest {
  private static final Path BACKEND_CLOUD_INIT =
      Path.of("..", "cloud-init", "backend", "cloud-config.yaml.tftpl");
  private final XdsResources published =
      new XdsTranslator(new EdgeSettings("edge", 8080))
          .translate(
              MeshState.of(
                  List.of(
                      new MeshState.Service(
                          new ServiceSpec("api", BackendProtocol.GRPC, "/healthz"),
                          List.of(
                              vm(1),
                              vm(2),
                              vm(3, InstanceState.BOOTING),
                              vm(4, InstanceState.BOOTING),
                              vm(5, InstanceState.BOOTING))),
                      new MeshState.Service(
                          new ServiceSpec("web", BackendProtocol.HTTP, "/ready"),
                          List.of(vm(6))))));

  @Test
  void panicModeIsOffSoThatAScaleOutThatLeavesFewerThanHalfReadyNeverRoutesToBootingHosts() {
    // 2 of 5 ready is 40%, under Envoy's default threshold of 50%: panic would route to all 5.
    published
        .clusters()
        .resources()
        .forEach(
            cluster ->
                assertThat(cluster.getCommonLbConfig().getHealthyPanicThreshold().getValue())
                    .isZero());
    assertThat(published.clusters().resources())
        .allMatch(c -> c.getCommonLbConfig().hasHealthyPanicThreshold());
  }

  @Test
  void aNewHostWaitsForEnvoysOwnFirstHealthCheckEvenIfEdsSaysHealthy() {
    assertThat(published.clusters().resources())
        .allMatch(c -> c.getCommonLbConfig().getIgnoreNewHostsUntilFirstHc());
  }

  @Test
  void edsDecidesRemovalSoThatARemovedHostPassingItsHealthCheckDoesNotLinger() {
    assertThat(published.clusters().resources()).allMatch(Cluster::getIgnoreHealthOnHostRemoval);
  }

  @Test
  void
      retriesMayTakeHalfTheActiveRequestsBecauseEnvoysDefaultOfThreeWouldRefuseThemWhenAHostDies() {
    for (Cluster cluster : published.clusters().resources()) {
      CircuitBreakers.Thresholds.RetryBudget budget =
          cluster.getCircuitBreakers().getThresholds(0).getRetryBudget();
      assertThat(budget.getBudgetPercent().getValue()).isEqualTo(50);
      assertThat(budget.getMinRetryConcurrency().getValue()).isEqualTo(10);
    }
  }

  @Test
  void
      envoyClosesIdleUpstreamConnectionsBeforeTheBackendsKeepAliveTimeoutSoItNeverWritesToAClosingOne()
          throws Exception {
    Matcher nginx =
        Pattern.compile("keepalive_timeout (\\d+)s;").matcher(Files.readString(BACKEND_CLOUD_INIT));
    assertThat(nginx.find()).as("the backends' nginx states its keep-alive timeout").isTrue();
    for (Cluster cluster : published.clusters().resources()) {
      HttpProtocolOptions options =
          cluster
              .getTypedExtensionProtocolOptionsOrThrow(EnvoyResources.HTTP_PROTOCOL_OPTIONS)
              .unpack(HttpProtocolOptions.class);
      assertThat(Durations.toSeconds(options.getCommonHttpProtocolOptions().getIdleTimeout()))
          .isLessThan(Long.parseLong(nginx.group(1)));
    }
  }

  @Test
  void connectionsToAHostThatVanishedWithoutAWordEndWithinAMinuteByTcpKeepalive() {
    for (Cluster cluster : published.clusters().resources()) {
      TcpKeepalive keepalive = cluster.getUpstreamConnectionOptions().getTcpKeepalive();
      long silentFor =
          keepalive.getKeepaliveTime().getValue()
              + (long) keepalive.getKeepaliveInterval().getValue()
                  * keepalive.getKeepaliveProbes().getValue();
      assertThat(silentFor).isEqualTo(45);
    }
  }

  @Test
  void
      aHostThatDiesWithoutWarningIsNoticedWithinTwelveSecondsWhileNewConnectionsToItAreRetriedElsewhere() {
    for (Cluster cluster : published.clusters().resources()) {
      var check = cluster.getHealthChecks(0);
      // Envoy's worst case: a check just passed, then the next ones time out, twice.
      long noticed =
          (Durations.toSeconds(check.getInterval()) + Durations.toSeconds(check.getTimeout()))
              * check.getUnhealthyThreshold().getValue();
      assertThat(noticed).isEqualTo(12);
      // A try that needs a new connection to it gives up after the connect timeout, then retries.
      assertThat(Durations.toSeconds(cluster.getConnectTimeout())).isEqualTo(2);
    }
  }

  @Test
  void theEdgeRetriesOnAnotherHostOnlyRequestsThatNeverReachedTheApplication() {
    for (VirtualHost host : published.routes().resources().getFirst().getVirtualHostsList()) {
      RetryPolicy retry = host.getRoutes(0).getRoute().getRetryPolicy();
      assertThat(retry.getRetryOn().split(","))
          .containsExactlyInAnyOrder("connect-failure", "refused-stream", "reset-before-request");
      assertThat(retry.getNumRetries().getValue()).isEqualTo(2);
      assertThat(retry.getRetryHostPredicateList())
          .extracting(RetryPolicy.RetryHostPredicate::getName)
          .containsExactly("envoy.retry_host_predicates.previous_hosts");
      // Envoy picks a host up to this many times to find one not tried (by default once).
      assertThat(retry.getHostSelectionRetryMaxAttempts()).isEqualTo(5);
    }
  }

  @Test
  void httpRequestsAtTheEdgeEndAfterFifteenSecondsSoAHostThatNeverAnswersCannotHoldThemForever() {
    RouteAction web = edgeRoute("web");
    assertThat(Durations.toSeconds(web.getTimeout())).isEqualTo(15);
    assertThat(web.hasMaxStreamDuration()).isFalse();
  }

  @Test
  void grpcStreamsAtTheEdgeHaveNoRouteTimeoutButTheClientsOwnDeadline() {
    RouteAction api = edgeRoute("api");
    // With max_stream_duration present Envoy ignores the route timeout; 0 takes grpc-timeout
    // uncapped.
    assertThat(api.hasMaxStreamDuration()).isTrue();
    assertThat(api.getMaxStreamDuration().getGrpcTimeoutHeaderMax()).isEqualTo(Durations.ZERO);
  }

  @Test
  void
      proxylessClientsGetNoRetryPolicyOrTimeoutBecauseGrpcRetriesTransparentlyAndKeepsItsOwnDeadline()
          throws Exception {
    Listener api =
        published.listeners().resources().stream()
            .filter(l -> l.getName().equals("api"))
            .findFirst()
            .orElseThrow();
    RouteAction action =
        api.getApiListener()
            .getApiListener()
            .unpack(HttpConnectionManager.class)
            .getRouteConfig()
            .getVirtualHosts(0)
            .getRoutes(0)
            .getRoute();
    assertThat(action.hasRetryPolicy()).isFalse();
    assertThat(action.hasTimeout()).isFalse();
    assertThat(action.hasMaxStreamDuration()).isFalse();
  }

  @Test
  void theEdgeClosesIdleClientConnectionsBeforeAzuresLoadBalancerDropsThemSilentlyAfterFourMinutes()
      throws Exception {
    HttpConnectionManager edge =
        published.listeners().resources().stream()
            .filter(l -> l.getName().equals("edge"))
            .findFirst()
            .orElseThrow()
            .getFilterChains(0)
            .getFilters(0)
            .getTypedConfig()
            .unpack(HttpConnectionManager.class);
    assertThat(Durations.toSeconds(edge.getCommonHttpProtocolOptions().getIdleTimeout()))
        .isLessThan(240);
    assertThat(Durations.toSeconds(edge.getStreamIdleTimeout())).isEqualTo(300);
  }

  @Test
  void theEdgePingsHttp2ClientsSoThatAQuietStreamIsNotCutByAzuresLoadBalancerAfterFourMinutes()
      throws Exception {
    HttpConnectionManager edge =
        published.listeners().resources().stream()
            .filter(l -> l.getName().equals("edge"))
            .findFirst()
            .orElseThrow()
            .getFilterChains(0)
            .getFilters(0)
            .getTypedConfig()
            .unpack(HttpConnectionManager.class);
    assertThat(
            Durations.toSeconds(
                edge.getHttp2ProtocolOptions().getConnectionKeepalive().getInterval()))
        .isLessThan(240);
  }

  private RouteAction edgeRoute(String service) {
    return published.routes().resources().getFirst().getVirtualHostsList().stream()
        .filter(host -> host.getName().equals(service))
        .findFirst()
        .orElseThrow()
        .getRoutes(0)
        .getRoute();
  }
}
