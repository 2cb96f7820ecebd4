package io.scalemesh.controlplane.xds;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.xds.XdsResources.Hashed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mesh state to Envoy resources, as a pure function. Per service: a Cluster, its
 * ClusterLoadAssignment (one locality per zone), a virtual host on the edge route configuration,
 * and an API listener named after the service for proxyless gRPC clients ({@code xds:///service}).
 * One translator per type decides what Envoy and gRPC clients do with hosts that come and go.
 *
 * <p>It remembers each service's last translation and reuses it while the service is unchanged: a
 * scale event of one of ten scale sets translates and hashes that one alone, and unchanged
 * resources stay the same objects, which the check of Envoy's rules, the serializer and the xDS
 * cache all take as known. The result still depends on the mesh state alone.
 */
public final class XdsTranslator {
  private final EdgeSettings edge;
  private final Hashed<Listener> edgeListener;

  /** The last translation of each service, by name; replaced by every translate. */
  private Map<String, ServiceResources> lastByService = Map.of();

  private Hashed<RouteConfiguration> lastEdgeRoutes;

  /**
   * One service's resources, for {@code input}. Its virtual host also depends on whether it is the
   * only service (then it takes every host name).
   */
  private record ServiceResources(
      MeshState.Service input,
      boolean onlyService,
      Hashed<Cluster> cluster,
      Hashed<ClusterLoadAssignment> loadAssignment,
      Hashed<Listener> apiListener,
      VirtualHost edgeHost) {

    static ServiceResources of(MeshState.Service service, boolean onlyService) {
      return new ServiceResources(
          service,
          onlyService,
          Hashed.of(ClusterTranslator.cluster(service)),
          Hashed.of(EndpointTranslator.loadAssignment(service)),
          Hashed.of(ListenerTranslator.apiListener(service.name())),
          RouteTranslator.edgeVirtualHost(service, onlyService));
    }

    boolean translates(MeshState.Service service, boolean onlyService) {
      // Identity first: a service the guard found unchanged is the very same value.
      return this.onlyService == onlyService && (input == service || input.equals(service));
    }
  }

  public XdsTranslator(EdgeSettings edge) {
    this.edge = edge;
    this.edgeListener = Hashed.of(ListenerTranslator.edgeListener(edge));
  }

  public synchronized XdsResources translate(MeshState state) {
    List<Hashed<Cluster>> clusters = new ArrayList<>();
    List<Hashed<ClusterLoadAssignment>> endpoints = new ArrayList<>();
    List<Hashed<Listener>> listeners = new ArrayList<>();
    List<VirtualHost> edgeHosts = new ArrayList<>();
    Map<String, ServiceResources> byService = new HashMap<>();
    boolean onlyService = state.services().size() == 1;
    for (MeshState.Service service : state.services()) {
      ServiceResources last = lastByService.get(service.name());
      ServiceResources translated =
          last != null && last.translates(service, onlyService)
              ? last
              : ServiceResources.of(service, onlyService);
      byService.put(service.name(), translated);
      clusters.add(translated.cluster());
      endpoints.add(translated.loadAssignment());
      listeners.add(translated.apiListener());
      edgeHosts.add(translated.edgeHost());
    }
    lastByService = byService;
    listeners.add(edgeListener);
    Hashed<RouteConfiguration> edgeRoutes =
        Hashed.of(
            RouteConfiguration.newBuilder()
                .setName(edge.listenerName())
                .addAllVirtualHosts(edgeHosts)
                .build());
    if (lastEdgeRoutes != null && lastEdgeRoutes.hash().equals(edgeRoutes.hash())) {
      edgeRoutes = lastEdgeRoutes;
    }
    lastEdgeRoutes = edgeRoutes;
    return new XdsResources(
        XdsResources.Versioned.ofHashed(TypeUrls.CLUSTER, clusters),
        XdsResources.Versioned.ofHashed(TypeUrls.ENDPOINT, endpoints),
        XdsResources.Versioned.ofHashed(TypeUrls.LISTENER, listeners),
        XdsResources.Versioned.ofHashed(TypeUrls.ROUTE, List.of(edgeRoutes)));
  }
}
