package io.scalemesh.controlplane.xds;

import io.envoyproxy.controlplane.cache.Resources;
import java.util.List;

/** The xDS type URLs Scalemesh serves, and the short names shown to operators and in metrics. */
public final class TypeUrls {
  static final String CLUSTER = Resources.V3.CLUSTER_TYPE_URL;
  static final String ENDPOINT = Resources.V3.ENDPOINT_TYPE_URL;
  static final String LISTENER = Resources.V3.LISTENER_TYPE_URL;
  static final String ROUTE = Resources.V3.ROUTE_TYPE_URL;

  /** The short name of every type served, in the order Envoy applies them. */
  public static final List<String> SHORT_NAMES =
      List.of(CLUSTER, ENDPOINT, LISTENER, ROUTE).stream().map(TypeUrls::shortName).toList();

  private TypeUrls() {}

  /** "type.googleapis.com/envoy.config.cluster.v3.Cluster" becomes "Cluster". */
  public static String shortName(String typeUrl) {
    return typeUrl.substring(typeUrl.lastIndexOf('.') + 1);
  }
}
