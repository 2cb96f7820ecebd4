package io.scalemesh.controlplane.mesh;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One backend instance as a discovery source sees it. Empty strings, never null, for what a source
 * does not know (a VM without a public IP, a cloud without zones).
 *
 * @param name the instance name, unique within its scale set
 * @param instanceId the source's id for it (VMSS instance id, Consul service id)
 * @param privateIp where the mesh reaches it
 * @param publicIp its public address, if any
 * @param port the port its backend service listens on
 * @param zone availability zone, used as the xDS locality
 * @param state its routing state
 * @param provisioningState the cloud's word for it (e.g. Creating, Succeeded, Deleting)
 * @param powerState e.g. running, stopped
 * @param healthState the application health the source reports
 * @param labels what else the source knows (Azure tags, fault domain, Consul tags and meta), sorted
 *     by key
 */
public record Instance(
    String name,
    String instanceId,
    String privateIp,
    String publicIp,
    int port,
    String zone,
    InstanceState state,
    String provisioningState,
    String powerState,
    String healthState,
    SortedMap<String, String> labels) {

  /** The label holding an Azure VM's resource id, which the status stream gives the console. */
  public static final String AZURE_RESOURCE_ID = "azure.resource_id";

  public Instance {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(privateIp, "privateIp");
    Objects.requireNonNull(publicIp, "publicIp");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(provisioningState, "provisioningState");
    Objects.requireNonNull(powerState, "powerState");
    Objects.requireNonNull(healthState, "healthState");
    // Sorted, so that the content hash of a mesh state never depends on a map's iteration order.
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException(
          "port " + port + " of instance " + name + " is out of range");
    }
  }

  /** An instance without labels. */
  public Instance(
      String name,
      String instanceId,
      String privateIp,
      String publicIp,
      int port,
      String zone,
      InstanceState state,
      String provisioningState,
      String powerState,
      String healthState) {
    this(
        name,
        instanceId,
        privateIp,
        publicIp,
        port,
        zone,
        state,
        provisioningState,
        powerState,
        healthState,
        new TreeMap<>());
  }

  /** The same instance with these labels. */
  public Instance withLabels(Map<String, String> labels) {
    return new Instance(
        name,
        instanceId,
        privateIp,
        publicIp,
        port,
        zone,
        state,
        provisioningState,
        powerState,
        healthState,
        new TreeMap<>(labels));
  }
}
