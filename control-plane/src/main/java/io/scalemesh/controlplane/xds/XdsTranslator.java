package io.scalemesh.controlplane.xds;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.scalemesh.controlplane.mesh.MeshState;
import java.util.ArrayList;
import java.util.List;

/**
 * Mesh state to Envoy resources, as a pure function. Per service: a Cluster, its
 * ClusterLoadAssignment (one locality per zone), a virtual host on the edge route configuration,
 * and an API listener named after the service for proxyless gRPC clients ({@code xds:///service}).
 * One translator per type decides what Envoy and gRPC clients do with hosts that come and go.
 */
public final class XdsTranslator {
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
      clusters.add(ClusterTranslator.cluster(service));
      endpoints.add(EndpointTranslator.loadAssignment(service));
      listeners.add(ListenerTranslator.apiListener(service.name()));
      edgeHosts.add(RouteTranslator.edgeVirtualHost(service, onlyService));
    }
    listeners.add(ListenerTranslator.edgeListener(edge));
    RouteConfiguration edgeRoutes =
        RouteConfiguration.newBuilder()
            .setName(edge.listenerName())
            .addAllVirtualHosts(edgeHosts)
            .build();
    return new XdsResources(
        XdsResources.Versioned.of(TypeUrls.CLUSTER, clusters),
        XdsResources.Versioned.of(TypeUrls.ENDPOINT, endpoints),
        XdsResources.Versioned.of(TypeUrls.LISTENER, listeners),
        XdsResources.Versioned.of(TypeUrls.ROUTE, List.of(edgeRoutes)));
  }
}
