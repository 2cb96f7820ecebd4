package io.scalemesh.controlplane.xds;

import java.util.List;

/** Resources that break Envoy's rules were handed to the xDS server, which served none of them. */
public final class InvalidResourcesException extends RuntimeException {
  private final transient List<InvalidResource> invalid;

  InvalidResourcesException(List<InvalidResource> invalid) {
    super(
        invalid.size() + " of the resources break Envoy's rules, the first: " + invalid.getFirst());
    this.invalid = List.copyOf(invalid);
  }

  public List<InvalidResource> invalid() {
    return invalid;
  }

  /** One resource, by type and name, and the first rule it breaks. */
  public record InvalidResource(String typeUrl, String name, String violation) {
    /** "Cluster" rather than the whole type URL. */
    public String type() {
      return TypeUrls.shortName(typeUrl);
    }

    @Override
    public String toString() {
      return type() + " '" + name + "': " + violation;
    }
  }
}
