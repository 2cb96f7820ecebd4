package io.scalemesh.controlplane.xds;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.OutlierDetection;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.HealthCheck;
import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.scalemesh.controlplane.discovery.Instance;
import io.scalemesh.controlplane.discovery.InstanceState;
import io.scalemesh.controlplane.mesh.BackendProtocol;
import io.scalemesh.controlplane.mesh.MeshState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mesh state to Envoy resources, as a pure function. Per service: a Cluster (EDS over ADS, active
 * health check; outlier detection for HTTP services), its ClusterLoadAssignment (one locality per zone), a virtual
 * host on the edge route configuration, and an API listener named after the service for
 * proxyless gRPC clients ({@code xds:///service}).
 */
public final class XdsTranslator {
  private static final HttpFilter ROUTER = HttpFilter.newBuilder()
      .setName("envoy.filters.http.router")
      .setTypedConfig(Any.pack(Router.getDefaultInstance()))
      .build();

  private final EdgeSettings edge;

  public XdsTranslator(EdgeSettings edge) {
    this.edge = edge;
  }

  public XdsResources translate(MeshState state) {
    List<Cluster> clusters = new ArrayList<>();
    List<ClusterLoadAssignment> endpoints = new ArrayList<>();
    List<Listener> listeners = new ArrayList<>();
    List<VirtualHost> edgeHosts = new ArrayList<>();
    boolean onlyService = state.services().size() == 1;
    for (MeshState.Service service : state.services()) {
      clusters.add(cluster(service));
      endpoints.add(loadAssignment(service));
      listeners.add(apiListener(service.name()));
      edgeHosts.add(edgeVirtualHost(service.name(), onlyService));
    }
    listeners.add(edgeListener());
    RouteConfiguration edgeRoutes = RouteConfiguration.newBuilder()
        .setName(edge.listenerName())
        .addAllVirtualHosts(edgeHosts)
        .build();
    return new XdsResources(
        XdsResources.Versioned.of(clusters),
        XdsResources.Versioned.of(endpoints),
        XdsResources.Versioned.of(listeners),
        XdsResources.Versioned.of(List.of(edgeRoutes)));
  }

  /** The EDS health an instance is published with: only ready instances receive traffic. */
  static HealthStatus healthStatus(InstanceState state) {
    return switch (state) {
      case READY -> HealthStatus.HEALTHY;
      case DRAINING -> HealthStatus.DRAINING;
      case BOOTING, UNHEALTHY -> HealthStatus.UNHEALTHY;
    };
  }

  private Cluster cluster(MeshState.Service service) {
    Cluster.Builder cluster = Cluster.newBuilder()
        .setName(service.name())
        .setType(Cluster.DiscoveryType.EDS)
        .setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder().setEdsConfig(EnvoyResources.ADS))
        .setConnectTimeout(seconds(2))
        .setLbPolicy(Cluster.LbPolicy.ROUND_ROBIN)
        // A new instance gets traffic only after Envoy's own first check agrees it is up.
        .setCommonLbConfig(Cluster.CommonLbConfig.newBuilder().setIgnoreNewHostsUntilFirstHc(true))
        .addHealthChecks(healthCheck(service));
    if (service.spec().protocol() == BackendProtocol.HTTP) {
      // Only HTTP clusters, which only Envoy reads. Proxyless gRPC clients read gRPC clusters too,
      // and grpc-java 1.85's outlier_detection policy leaves endpoints added later without
      // traffic (the propagation benchmark saw a ready endpoint get no call for 20 s).
      cluster.setOutlierDetection(OutlierDetection.newBuilder()
          .setConsecutive5Xx(UInt32Value.of(5))
          .setInterval(seconds(10))
          .setBaseEjectionTime(seconds(30))
          .setMaxEjectionPercent(UInt32Value.of(50)));
    } else {
      cluster.putTypedExtensionProtocolOptions(EnvoyResources.HTTP_PROTOCOL_OPTIONS, EnvoyResources.http2Only());
    }
    return cluster.build();
  }

  private static HealthCheck healthCheck(MeshState.Service service) {
    HealthCheck.Builder check = HealthCheck.newBuilder()
        .setTimeout(seconds(1))
        .setInterval(seconds(5))
        .setUnhealthyThreshold(UInt32Value.of(2))
        .setHealthyThreshold(UInt32Value.of(1));
    return switch (service.spec().protocol()) {
      case GRPC -> check.setGrpcHealthCheck(HealthCheck.GrpcHealthCheck.getDefaultInstance()).build();
      case HTTP -> check.setHttpHealthCheck(HealthCheck.HttpHealthCheck.newBuilder()
          .setPath(service.spec().healthCheckPath())).build();
    };
  }

  private static ClusterLoadAssignment loadAssignment(MeshState.Service service) {
    Map<String, List<Instance>> byZone = new TreeMap<>();
    for (Instance instance : service.instances()) {
      byZone.computeIfAbsent(instance.zone(), zone -> new ArrayList<>()).add(instance);
    }
    ClusterLoadAssignment.Builder assignment = ClusterLoadAssignment.newBuilder().setClusterName(service.name());
    byZone.forEach((zone, instances) -> {
      long ready = instances.stream().filter(i -> i.state() == InstanceState.READY).count();
      LocalityLbEndpoints.Builder locality = LocalityLbEndpoints.newBuilder()
          .setLocality(Locality.newBuilder().setZone(zone))
          // Weighted by ready instances so that per-instance load stays even across zones; never 0,
          // which gRPC clients read as "no such locality".
          .setLoadBalancingWeight(UInt32Value.of((int) Math.max(1, ready)));
      instances.forEach(instance -> locality.addLbEndpoints(lbEndpoint(instance)));
      assignment.addEndpoints(locality);
    });
    return assignment.build();
  }

  private static LbEndpoint lbEndpoint(Instance instance) {
    return LbEndpoint.newBuilder()
        .setEndpoint(Endpoint.newBuilder()
            .setHostname(instance.name())
            .setAddress(Address.newBuilder().setSocketAddress(SocketAddress.newBuilder()
                .setAddress(instance.privateIp())
                .setPortValue(instance.port()))))
        .setHealthStatus(healthStatus(instance.state()))
        .build();
  }

  private static Listener apiListener(String service) {
    HttpConnectionManager manager = HttpConnectionManager.newBuilder()
        .setStatPrefix(service)
        .setRouteConfig(RouteConfiguration.newBuilder()
            .setName(service)
            .addVirtualHosts(VirtualHost.newBuilder()
                .setName(service)
                .addDomains("*")
                .addRoutes(routeTo(service))))
        .addHttpFilters(ROUTER)
        .build();
    return Listener.newBuilder()
        .setName(service)
        .setApiListener(ApiListener.newBuilder().setApiListener(Any.pack(manager)))
        .build();
  }

  private Listener edgeListener() {
    HttpConnectionManager manager = HttpConnectionManager.newBuilder()
        .setStatPrefix(edge.listenerName())
        .setCodecType(HttpConnectionManager.CodecType.AUTO)
        .setRds(Rds.newBuilder().setConfigSource(EnvoyResources.ADS).setRouteConfigName(edge.listenerName()))
        .addHttpFilters(ROUTER)
        .build();
    return Listener.newBuilder()
        .setName(edge.listenerName())
        .setAddress(Address.newBuilder().setSocketAddress(SocketAddress.newBuilder()
            .setAddress("0.0.0.0")
            .setPortValue(edge.port())))
        .addFilterChains(FilterChain.newBuilder().addFilters(Filter.newBuilder()
            .setName("envoy.filters.network.http_connection_manager")
            .setTypedConfig(Any.pack(manager))))
        .build();
  }

  /** Requests for {@code service} or {@code service:port} reach it; with one service, all do. */
  private static VirtualHost edgeVirtualHost(String service, boolean catchAll) {
    VirtualHost.Builder host = VirtualHost.newBuilder()
        .setName(service)
        .addDomains(service)
        .addDomains(service + ":*")
        .addRoutes(routeTo(service));
    if (catchAll) {
      host.addDomains("*");
    }
    return host.build();
  }

  private static Route routeTo(String cluster) {
    return Route.newBuilder()
        .setMatch(RouteMatch.newBuilder().setPrefix("/"))
        .setRoute(RouteAction.newBuilder().setCluster(cluster))
        .build();
  }

  private static Duration seconds(long seconds) {
    return Duration.newBuilder().setSeconds(seconds).build();
  }
}
