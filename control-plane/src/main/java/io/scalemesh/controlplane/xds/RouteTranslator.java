package io.scalemesh.controlplane.xds;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate;
import io.scalemesh.controlplane.mesh.MeshState;

/**
 * Routes: the edge's virtual host per service (Envoy), and the route inside each service's API
 * listener (proxyless gRPC clients). They differ on purpose, because the two retry differently.
 */
final class RouteTranslator {
  /**
   * Only failures where the request never reached the application, which are safe to retry whatever
   * the request does: no new connection (a host that died without warning, before its health check
   * notices), an HTTP/2 stream the server refused (REFUSED_STREAM, as a gRPC server going away
   * does), a reset before the request was sent (Envoy 1.31+). Never 5xx or a reset after sending:
   * the request may have run. A request already written to a connection whose host vanished is not
   * retried; the cluster's TCP keepalive ends such connections.
   */
  static final String EDGE_RETRY_ON = "connect-failure,refused-stream,reset-before-request";

  /**
   * Two hosts more than the first: with a host and its neighbour both just gone, the third try
   * lands.
   */
  static final int EDGE_RETRIES = 2;

  /**
   * HTTP requests end after this (Envoy's default, stated): a host that accepts and never answers
   * costs a request this long, not forever.
   */
  static final Duration HTTP_ROUTE_TIMEOUT = Durations.fromSeconds(15);

  private RouteTranslator() {}

  /** Requests for {@code service} or {@code service:port} reach it; with one service, all do. */
  static VirtualHost edgeVirtualHost(MeshState.Service service, boolean catchAll) {
    VirtualHost.Builder host =
        VirtualHost.newBuilder()
            .setName(service.name())
            .addDomains(service.name())
            .addDomains(service.name() + ":*")
            .addRoutes(everything(edgeAction(service)));
    if (catchAll) {
      host.addDomains("*");
    }
    return host.build();
  }

  /**
   * The route of a service's API listener. No retry policy: gRPC already retries, transparently, an
   * RPC that never left the client or that the server refused before its application saw it (gRFC
   * A6), and the only retries xDS could add (gRFC A44) go by status code, which cannot tell whether
   * the call ran. No timeout: the caller's deadline rules (gRFC A31).
   */
  static Route proxylessRoute(String service) {
    return everything(RouteAction.newBuilder().setCluster(service));
  }

  private static RouteAction.Builder edgeAction(MeshState.Service service) {
    RouteAction.Builder action =
        RouteAction.newBuilder()
            .setCluster(service.name())
            .setRetryPolicy(
                RetryPolicy.newBuilder()
                    .setRetryOn(EDGE_RETRY_ON)
                    .setNumRetries(UInt32Value.of(EDGE_RETRIES))
                    // Each retry goes to a host not tried yet for this request, if there is one.
                    .addRetryHostPredicate(
                        RetryPolicy.RetryHostPredicate.newBuilder()
                            .setName("envoy.retry_host_predicates.previous_hosts")
                            .setTypedConfig(Any.pack(PreviousHostsPredicate.getDefaultInstance())))
                    .setHostSelectionRetryMaxAttempts(5));
    return switch (service.spec().protocol()) {
      // A gRPC stream may rightly last hours: no route timeout, but the client's own deadline
      // (its grpc-timeout header, uncapped) becomes Envoy's.
      case GRPC ->
          action.setMaxStreamDuration(
              RouteAction.MaxStreamDuration.newBuilder().setGrpcTimeoutHeaderMax(Durations.ZERO));
      case HTTP -> action.setTimeout(HTTP_ROUTE_TIMEOUT);
    };
  }

  private static Route everything(RouteAction.Builder action) {
    return Route.newBuilder()
        .setMatch(RouteMatch.newBuilder().setPrefix("/"))
        .setRoute(action)
        .build();
  }
}
