package io.scalemesh.controlplane.xds;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.KeepaliveSettings;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;

/**
 * Listeners: the gateway's edge listener (Envoy) and one API listener per service (gRPC clients).
 */
final class ListenerTranslator {
  /**
   * A client connection idle this long is closed by Envoy. Below the 4 minutes after which Azure's
   * load balancer rules and public IPs (one sits in front of every gateway) drop an idle flow
   * without telling either end, when a client's next request on it would hang and fail.
   */
  static final Duration DOWNSTREAM_IDLE_TIMEOUT = Durations.fromSeconds(180);

  /**
   * A request or stream with no bytes either way for this long is ended (Envoy's default, stated):
   * a quiet gRPC stream must send something within it.
   */
  static final Duration STREAM_IDLE_TIMEOUT = Durations.fromSeconds(300);

  /**
   * Envoy pings HTTP/2 clients this often while a connection is open: a connection whose only
   * stream is quiet is otherwise idle to Azure's load balancer, which resets it after 4 minutes,
   * before the stream idle timeout; the pings also end connections to clients that vanished.
   */
  static final Duration CLIENT_PING_INTERVAL = Durations.fromSeconds(60);

  static final Duration CLIENT_PING_TIMEOUT = Durations.fromSeconds(20);

  private static final HttpFilter ROUTER =
      HttpFilter.newBuilder()
          .setName("envoy.filters.http.router")
          .setTypedConfig(Any.pack(Router.getDefaultInstance()))
          .build();

  private ListenerTranslator() {}

  /** What {@code xds:///service} resolves to: an API listener with the service's route inline. */
  static Listener apiListener(String service) {
    HttpConnectionManager manager =
        HttpConnectionManager.newBuilder()
            .setStatPrefix(service)
            .setRouteConfig(
                RouteConfiguration.newBuilder()
                    .setName(service)
                    .addVirtualHosts(
                        VirtualHost.newBuilder()
                            .setName(service)
                            .addDomains("*")
                            .addRoutes(RouteTranslator.proxylessRoute(service))))
            .addHttpFilters(ROUTER)
            .build();
    return Listener.newBuilder()
        .setName(service)
        .setApiListener(ApiListener.newBuilder().setApiListener(Any.pack(manager)))
        .build();
  }

  /**
   * The gateway's ingress. Its drain_timeout stays Envoy's 5 s: it paces only the gateway's own
   * listener drains (an LDS change or a restart), and the edge listener's version changes only when
   * services are added or removed, never on a scale event.
   */
  static Listener edgeListener(EdgeSettings edge) {
    HttpConnectionManager manager =
        HttpConnectionManager.newBuilder()
            .setStatPrefix(edge.listenerName())
            .setCodecType(HttpConnectionManager.CodecType.AUTO)
            .setRds(
                Rds.newBuilder()
                    .setConfigSource(EnvoyResources.ADS)
                    .setRouteConfigName(edge.listenerName()))
            .setCommonHttpProtocolOptions(
                HttpProtocolOptions.newBuilder().setIdleTimeout(DOWNSTREAM_IDLE_TIMEOUT))
            .setStreamIdleTimeout(STREAM_IDLE_TIMEOUT)
            .setHttp2ProtocolOptions(
                Http2ProtocolOptions.newBuilder()
                    .setConnectionKeepalive(
                        KeepaliveSettings.newBuilder()
                            .setInterval(CLIENT_PING_INTERVAL)
                            .setTimeout(CLIENT_PING_TIMEOUT)))
            .addHttpFilters(ROUTER)
            .build();
    return Listener.newBuilder()
        .setName(edge.listenerName())
        .setAddress(
            Address.newBuilder()
                .setSocketAddress(
                    SocketAddress.newBuilder().setAddress("0.0.0.0").setPortValue(edge.port())))
        .addFilterChains(
            FilterChain.newBuilder()
                .addFilters(
                    Filter.newBuilder()
                        .setName("envoy.filters.network.http_connection_manager")
                        .setTypedConfig(Any.pack(manager))))
        .build();
  }
}
