package io.scalemesh.controlplane.xds;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.scalemesh.controlplane.mesh.ContentHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Envoy resources for one mesh state, with one version per type. Each version hashes that
 * type's resources only, so a scale event changes the endpoint version and leaves listeners,
 * routes and clusters (and the proxies' copies of them) alone.
 */
public record XdsResources(
    Versioned<Cluster> clusters,
    Versioned<ClusterLoadAssignment> endpoints,
    Versioned<Listener> listeners,
    Versioned<RouteConfiguration> routes) {

  /** Resources of one type and the hash of their content. */
  public record Versioned<T extends Message>(List<T> resources, String version) {
    public static <T extends Message> Versioned<T> of(List<T> resources) {
      ContentHash hash = new ContentHash();
      resources.forEach(resource -> hash.add(deterministicBytes(resource)));
      return new Versioned<>(List.copyOf(resources), hash.version());
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
