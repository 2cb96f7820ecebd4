package io.scalemesh.controlplane.xds;

import io.envoyproxy.controlplane.cache.Resources;

/** The xDS type URLs Scalemesh serves, and the short names shown to operators and in metrics. */
final class TypeUrls {
  static final String CLUSTER = Resources.V3.CLUSTER_TYPE_URL;
  static final String ENDPOINT = Resources.V3.ENDPOINT_TYPE_URL;
  static final String LISTENER = Resources.V3.LISTENER_TYPE_URL;
  static final String ROUTE = Resources.V3.ROUTE_TYPE_URL;

  private TypeUrls() {}

  /** "type.googleapis.com/envoy.config.cluster.v3.Cluster" becomes "Cluster". */
  static String shortName(String typeUrl) {
    return typeUrl.substring(typeUrl.lastIndexOf('.') + 1);
  }
}
