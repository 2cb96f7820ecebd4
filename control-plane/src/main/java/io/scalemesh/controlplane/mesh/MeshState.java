package io.scalemesh.controlplane.mesh;

import java.util.Comparator;
import java.util.List;

/**
 * Everything the mesh routes to, as one immutable value. Its version is a hash of its content, so
 * the same inventory gives the same version after a restart and on every replica.
 */
public record MeshState(List<Service> services, String version) {

  /** One scale set in the mesh: how it is exposed and its instances, sorted by name. */
  public record Service(ServiceSpec spec, List<Instance> instances) {
    public Service {
      instances = instances.stream().sorted(Comparator.comparing(Instance::name)).toList();
    }

    public String name() {
      return spec.name();
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
    for (Service service : services) {
      ServiceSpec spec = service.spec();
      hash.add("service", spec.name(), spec.protocol().name(), spec.healthCheckPath());
      for (Instance i : service.instances()) {
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
    }
    return hash.version();
  }
}
