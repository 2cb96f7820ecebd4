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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Envoy resources for one mesh state, with one version per type. Each version hashes that
 * type's resources only, so a scale event changes the endpoint version and leaves listeners, routes
 * and clusters (and the proxies' copies of them) alone. Each resource has a hash of its own too, so
 * that what a refresh did not change is neither hashed nor checked again.
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
   * Each resource that breaks Envoy's rules, with the first rule it breaks, among those whose hash
   * is not in {@code valid}. A hash stands for content already found valid, so a scale event of one
   * service checks that service's load assignment alone.
   */
  public List<InvalidResource> invalid(EnvoyValidator rules, Set<String> valid) {
    List<InvalidResource> invalid = new ArrayList<>();
    for (Versioned<?> type : byType()) {
      for (Hashed<?> hashed : type.hashed()) {
        if (!valid.contains(hashed.hash())) {
          Message resource = hashed.resource();
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

  /** The hash of every resource, of every type. */
  public Set<String> hashes() {
    Set<String> hashes = new HashSet<>();
    byType().forEach(type -> type.hashed().forEach(hashed -> hashes.add(hashed.hash())));
    return hashes;
  }

  /** One resource and the hash of its content. */
  public record Hashed<T extends Message>(T resource, String hash) {
    public static <T extends Message> Hashed<T> of(T resource) {
      return new Hashed<>(resource, new ContentHash().add(deterministicBytes(resource)).version());
    }
  }

  /**
   * Resources of one type (its xDS type URL), each with its hash, and the type's version: a hash of
   * their hashes, so that a refresh re-hashes only the resources it translated again.
   */
  public record Versioned<T extends Message>(
      String typeUrl, List<Hashed<T>> hashed, String version) {
    public static <T extends Message> Versioned<T> of(String typeUrl, List<T> resources) {
      return ofHashed(typeUrl, resources.stream().map(Hashed::of).toList());
    }

    public static <T extends Message> Versioned<T> ofHashed(
        String typeUrl, List<Hashed<T>> hashed) {
      ContentHash version = new ContentHash();
      hashed.forEach(resource -> version.add(resource.hash()));
      return new Versioned<>(typeUrl, List.copyOf(hashed), version.version());
    }

    public List<T> resources() {
      return hashed.stream().map(Hashed::resource).toList();
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
