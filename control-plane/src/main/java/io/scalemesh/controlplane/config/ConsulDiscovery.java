package io.scalemesh.controlplane.config;

/**
 * A service registered in Consul (how to reach Consul is the top-level {@code consul} section).
 *
 * @param service the Consul service name (default: the mesh service's name)
 * @param tag only instances registered with this tag (default: all)
 */
public record ConsulDiscovery(String service, String tag) implements DiscoveryConfig {
  static final String KIND = "consul";

  public ConsulDiscovery {
    service = service == null || service.isBlank() ? null : service;
    tag = tag == null || tag.isBlank() ? null : tag;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The Consul service name for the mesh service {@code meshName}. */
  public String serviceOr(String meshName) {
    return service == null ? meshName : service;
  }
}
