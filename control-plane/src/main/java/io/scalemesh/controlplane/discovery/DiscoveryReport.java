package io.scalemesh.controlplane.discovery;

import io.scalemesh.controlplane.mesh.Instance;
import java.time.Instant;
import java.util.List;

/** What one refresh of one source found: the whole set, or why it could not tell. */
public sealed interface DiscoveryReport {

  /** The scale set (or tag query, or Consul service) the report is about. */
  String service();

  Instant at();

  /** Every instance the source sees now; anything absent is gone. */
  record Complete(String service, List<Instance> instances, Instant at) implements DiscoveryReport {
    public Complete {
      instances = List.copyOf(instances);
    }
  }

  /**
   * The refresh failed; the source knows nothing new, and nothing should be removed because of it.
   */
  record Failed(String service, String error, Instant at) implements DiscoveryReport {}
}
