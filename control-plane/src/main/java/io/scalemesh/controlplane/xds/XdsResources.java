package io.scalemesh.controlplane.xds;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.scalemesh.controlplane.mesh.ContentHash;
import io.scalemesh.controlplane.validation.EnvoyValidator;
import io.scalemesh.controlplane.xds.InvalidResourcesException.InvalidResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Envoy resources for one mesh state, with one version per type. Each version hashes that
 * type's resources only, so a scale event changes the endpoint version and leaves listeners, routes
 * and clusters (and the proxies' copies of them) alone.
 */
public record XdsResources(
    Versioned<Cluster> clusters,
    Versioned<ClusterLoadAssignment> endpoints,
    Versioned<Listener> listeners,
    Versioned<RouteConfiguration> routes) {

  /**
   * Every type, in the order Envoy applies them: clusters before their endpoints, listeners before
   * their routes.
   */
  public List<Versioned<?>> byType() {
    return List.of(clusters, endpoints, listeners, routes);
  }

  /**
   * Each resource that breaks Envoy's rules, with the first rule it breaks, of the types whose
   * version is not the one {@code known} maps their type URL to. A known version stands for content
   * already found valid (a version is a hash of the content), so a scale event checks the endpoints
   * alone.
   */
  public List<InvalidResource> invalid(EnvoyValidator rules, Map<String, String> known) {
    List<InvalidResource> invalid = new ArrayList<>();
    for (Versioned<?> type : byType()) {
      if (!type.version().equals(known.get(type.typeUrl()))) {
        for (Message resource : type.resources()) {
          rules
              .violation(resource)
              .or(() -> EndpointAddresses.violation(resource))
              .ifPresent(
                  violation ->
                      invalid.add(
                          new InvalidResource(
                              type.typeUrl(), Resources.getResourceName(resource), violation)));
        }
      }
    }
    return invalid;
  }

  /** Resources of one type (its xDS type URL) and the hash of their content. */
  public record Versioned<T extends Message>(String typeUrl, List<T> resources, String version) {
    public static <T extends Message> Versioned<T> of(String typeUrl, List<T> resources) {
      ContentHash hash = new ContentHash();
      resources.forEach(resource -> hash.add(deterministicBytes(resource)));
      return new Versioned<>(typeUrl, List.copyOf(resources), hash.version());
    }
  }

  /** Protobuf only promises stable bytes (map order included) when asked for them. */
  private static byte[] deterministicBytes(Message message) {
    byte[] bytes = new byte[message.getSerializedSize()];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    try {
      message.writeTo(out);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
  }
}
