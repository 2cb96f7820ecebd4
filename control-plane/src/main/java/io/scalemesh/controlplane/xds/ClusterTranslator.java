package io.scalemesh.controlplane.xds;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.OutlierDetection;
import io.envoyproxy.envoy.config.cluster.v3.UpstreamConnectionOptions;
import io.envoyproxy.envoy.config.core.v3.HealthCheck;
import io.envoyproxy.envoy.config.core.v3.Http1ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.RoutingPriority;
import io.envoyproxy.envoy.config.core.v3.TcpKeepalive;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.envoyproxy.envoy.type.v3.Percent;
import io.scalemesh.controlplane.mesh.BackendProtocol;
import io.scalemesh.controlplane.mesh.MeshState;

/**
 * One service's Cluster: how Envoy picks among its hosts, checks them and connects to them. Every
 * setting that decides whether a request can fail while hosts come and go is set here on purpose,
 * with its reason; the README's "What Envoy does with it" says the same for operators. Proxyless
 * gRPC clients read only what gRFC A27 lists (the EDS config, the LB policy, protocol options), so
 * nothing here changes them but the outlier-detection choice.
 */
final class ClusterTranslator {
  /**
   * A vanished VM answers no SYN: a try that needs a new connection to it gives up after this, then
   * retries elsewhere.
   */
  static final Duration CONNECT_TIMEOUT = Durations.fromSeconds(2);

  /**
   * Envoy closes a pooled connection idle this long. Below nginx's default keepalive_timeout (75 s,
   * the backends' server in terraform/), so that Envoy, not the backend, ends an idle connection:
   * otherwise a request can be written to a connection the backend is closing at that moment, a
   * reset that no safe retry condition covers (Envoy's reset-before-request does not, envoy issue
   * 47468). It also retires connections to a draining host within a minute.
   */
  static final Duration UPSTREAM_IDLE_TIMEOUT = Durations.fromSeconds(60);

  static final Duration HEALTH_CHECK_INTERVAL = Durations.fromSeconds(5);
  static final int UNHEALTHY_THRESHOLD = 2;

  /**
   * Retries may take this share of the cluster's active requests. A host that dies without warning
   * fails the new connections made to it until its health check notices (12 s at most), which can
   * be 1/N of all requests with N hosts, and N can be as small as 2. Envoy's default, 3 concurrent
   * retries per cluster, would refuse most of those retries under load
   * (upstream_rq_retry_overflow).
   */
  static final double RETRY_BUDGET_PERCENT = 50;

  /** Retries always allowed, however few requests are active. */
  static final int MIN_RETRY_CONCURRENCY = 10;

  private ClusterTranslator() {}

  static Cluster cluster(MeshState.Service service) {
    Cluster.Builder cluster =
        Cluster.newBuilder()
            .setName(service.name())
            .setType(Cluster.DiscoveryType.EDS)
            .setEdsClusterConfig(
                Cluster.EdsClusterConfig.newBuilder().setEdsConfig(EnvoyResources.ADS))
            // gRPC clients send their load reports to the control plane they got this from (gRFC
            // A27); Envoy ignores the field and reports where its bootstrap says.
            .setLrsServer(EnvoyResources.SELF)
            .setConnectTimeout(CONNECT_TIMEOUT)
            .setLbPolicy(Cluster.LbPolicy.ROUND_ROBIN)
            .setCommonLbConfig(
                Cluster.CommonLbConfig.newBuilder()
                    // Panic mode off. With the default (50%), when fewer than half the hosts are
                    // available
                    // Envoy balances over all of them, whatever their health: a scale-out from 2 to
                    // 8
                    // publishes 6 booting hosts UNHEALTHY, 25% are available, and booting hosts
                    // would get
                    // traffic (and, in panic, DRAINING ones too: envoy issue 46800). With 0, Envoy
                    // sends
                    // only to available hosts, and answers 503 at once when there is none; the
                    // guard's
                    // mass-removal hold, not panic mode, is what protects against a source gone
                    // wrong.
                    .setHealthyPanicThreshold(Percent.newBuilder().setValue(0))
                    // A new host gets traffic only after Envoy's own first check agrees it is up
                    // (the check
                    // runs as soon as the host is added), even if EDS already says HEALTHY.
                    .setIgnoreNewHostsUntilFirstHc(true))
            // EDS decides when a host is gone. Without this, a host removed from EDS that still
            // passes
            // its health check stays (Envoy waits for a failed check), and if it was last DRAINING
            // it
            // lingers in panic's host set; Scalemesh removes a host only after its drain period.
            .setIgnoreHealthOnHostRemoval(true)
            // A request written to a connection whose host vanished (no reset, no answer) is not
            // safely
            // retryable; kernel keepalive probes end such a connection after 30 s + 3 x 5 s of
            // silence,
            // where nothing else would before the route's timeout. HTTP/2 pings would do it sooner,
            // but
            // grpc-java servers refuse pings more often than every 5 minutes.
            .setUpstreamConnectionOptions(
                UpstreamConnectionOptions.newBuilder()
                    .setTcpKeepalive(
                        TcpKeepalive.newBuilder()
                            .setKeepaliveTime(UInt32Value.of(30))
                            .setKeepaliveInterval(UInt32Value.of(5))
                            .setKeepaliveProbes(UInt32Value.of(3))))
            .addHealthChecks(healthCheck(service))
            .setCircuitBreakers(
                CircuitBreakers.newBuilder()
                    .addThresholds(
                        CircuitBreakers.Thresholds.newBuilder()
                            .setPriority(RoutingPriority.DEFAULT)
                            .setRetryBudget(
                                CircuitBreakers.Thresholds.RetryBudget.newBuilder()
                                    .setBudgetPercent(
                                        Percent.newBuilder().setValue(RETRY_BUDGET_PERCENT))
                                    .setMinRetryConcurrency(
                                        UInt32Value.of(MIN_RETRY_CONCURRENCY)))))
            .putTypedExtensionProtocolOptions(
                EnvoyResources.HTTP_PROTOCOL_OPTIONS, protocolOptions(service.spec().protocol()));
    if (service.spec().protocol() == BackendProtocol.HTTP) {
      // Only HTTP clusters, which only Envoy reads. Proxyless gRPC clients read gRPC clusters too,
      // and grpc-java 1.85's outlier_detection policy leaves endpoints added later without
      // traffic (the propagation benchmark saw a ready endpoint get no call for 20 s).
      cluster.setOutlierDetection(
          OutlierDetection.newBuilder()
              .setConsecutive5Xx(UInt32Value.of(5))
              .setInterval(Durations.fromSeconds(10))
              .setBaseEjectionTime(Durations.fromSeconds(30))
              .setMaxEjectionPercent(UInt32Value.of(50)));
    }
    return cluster.build();
  }

  /**
   * Active health checks. They do not pace draining (EDS DRAINING takes a host out of balancing the
   * moment Envoy receives it); they catch a host that dies without warning, within two intervals
   * and two timeouts (12 s), during which new connections to it fail and are retried.
   */
  private static HealthCheck healthCheck(MeshState.Service service) {
    HealthCheck.Builder check =
        HealthCheck.newBuilder()
            .setTimeout(Durations.fromSeconds(1))
            .setInterval(HEALTH_CHECK_INTERVAL)
            .setUnhealthyThreshold(UInt32Value.of(UNHEALTHY_THRESHOLD))
            .setHealthyThreshold(UInt32Value.of(1));
    return switch (service.spec().protocol()) {
      case GRPC ->
          check.setGrpcHealthCheck(HealthCheck.GrpcHealthCheck.getDefaultInstance()).build();
      case HTTP ->
          check
              .setHttpHealthCheck(
                  HealthCheck.HttpHealthCheck.newBuilder()
                      .setPath(service.spec().healthCheckPath()))
              .build();
    };
  }

  private static Any protocolOptions(BackendProtocol protocol) {
    HttpProtocolOptions.ExplicitHttpConfig.Builder version =
        HttpProtocolOptions.ExplicitHttpConfig.newBuilder();
    switch (protocol) {
      case GRPC -> version.setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance());
      case HTTP -> version.setHttpProtocolOptions(Http1ProtocolOptions.getDefaultInstance());
    }
    return Any.pack(
        HttpProtocolOptions.newBuilder()
            .setExplicitHttpConfig(version)
            // The core HttpProtocolOptions, which shares its simple name with the upstream one.
            .setCommonHttpProtocolOptions(
                io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.newBuilder()
                    .setIdleTimeout(UPSTREAM_IDLE_TIMEOUT))
            .build());
  }
}
