package io.scalemesh.controlplane.discovery;

import java.util.Objects;

/**
 * One backend instance as a discovery source sees it. Empty strings, never null, for what a
 * source does not know (a VM without a public IP, a cloud without zones).
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
    String healthState) {

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
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " of instance " + name + " is out of range");
    }
  }
}
