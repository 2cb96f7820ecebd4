package io.scalemesh.controlplane.mesh;

import java.util.Comparator;
import java.util.List;

/**
 * Everything the mesh routes to, as one immutable value. Its version is a hash of its content, so
 * the same inventory gives the same version after a restart and on every replica.
 */
public record MeshState(List<Service> services, String version) {

  /**
   * One scale set in the mesh: how it is exposed, its instances sorted by name, and the hash of
   * both. The mesh's version combines the services' versions, so that a mesh state built from
   * services that are unchanged (the same values) hashes only the services that changed.
   */
  public record Service(ServiceSpec spec, List<Instance> instances, String version) {
    public Service {
      instances = List.copyOf(instances);
    }

    /** Sorts the instances by name and hashes the service. */
    public Service(ServiceSpec spec, List<Instance> instances) {
      this(spec, byName(instances), contentVersion(spec, byName(instances)));
    }

    public String name() {
      return spec.name();
    }

    private static List<Instance> byName(List<Instance> instances) {
      return instances.stream().sorted(Comparator.comparing(Instance::name)).toList();
    }
  }

  public MeshState {
    services = List.copyOf(services);
  }

  /** The state of these services, sorted by name, with its content version. */
  public static MeshState of(List<Service> services) {
    List<Service> sorted = services.stream().sorted(Comparator.comparing(Service::name)).toList();
    return new MeshState(sorted, contentVersion(sorted));
  }

  public int instanceCount() {
    return services.stream().mapToInt(s -> s.instances().size()).sum();
  }

  private static String contentVersion(List<Service> services) {
    ContentHash hash = new ContentHash();
    services.forEach(service -> hash.add(service.version()));
    return hash.version();
  }

  private static String contentVersion(ServiceSpec spec, List<Instance> instances) {
    ContentHash hash = new ContentHash();
    hash.add("service", spec.name(), spec.protocol().name(), spec.healthCheckPath());
    for (Instance i : instances) {
      hash.add(
          "instance",
          i.name(),
          i.instanceId(),
          i.privateIp(),
          i.publicIp(),
          Integer.toString(i.port()),
          i.zone(),
          i.state().name(),
          i.provisioningState(),
          i.powerState(),
          i.healthState());
      i.labels().forEach((key, value) -> hash.add("label", key, value));
    }
    return hash.version();
  }
}
