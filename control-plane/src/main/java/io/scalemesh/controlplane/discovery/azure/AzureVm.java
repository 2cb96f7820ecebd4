package io.scalemesh.controlplane.discovery.azure;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetVMInner;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import io.scalemesh.controlplane.mesh.Instance;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What Scalemesh reads of one VM, whichever list it came from (a Uniform scale set's instances, or
 * ordinary VMs: Flexible scale sets and tagged VMs), and how it becomes an instance.
 */
record AzureVm(
    String id,
    String name,
    String instanceId,
    List<String> zones,
    String provisioningState,
    String powerState,
    String healthState,
    Integer faultDomain,
    Map<String, String> tags,
    List<String> nicIds) {

  static AzureVm of(VirtualMachineScaleSetVMInner vm) {
    var view = vm.instanceView();
    return new AzureVm(
        vm.id(),
        vm.name(),
        vm.instanceId(),
        vm.zones(),
        vm.provisioningState(),
        view == null ? "" : InstanceStates.power(view.statuses()),
        view == null ? "" : InstanceStates.health(view.vmHealth()),
        view == null ? null : view.platformFaultDomain(),
        vm.tags(),
        vm.networkProfile() == null ? List.of() : nicIds(vm.networkProfile().networkInterfaces()));
  }

  static AzureVm of(VirtualMachineInner vm) {
    var view = vm.instanceView();
    return new AzureVm(
        vm.id(),
        vm.name(),
        vm.vmId(),
        vm.zones(),
        vm.provisioningState(),
        view == null ? "" : InstanceStates.power(view.statuses()),
        view == null ? "" : InstanceStates.health(view.vmHealth()),
        view == null ? null : view.platformFaultDomain(),
        vm.tags(),
        vm.networkProfile() == null ? List.of() : nicIds(vm.networkProfile().networkInterfaces()));
  }

  /** The NICs a VM's network profile names, the primary first. */
  private static List<String> nicIds(List<NetworkInterfaceReference> nics) {
    return nics == null
        ? List.of()
        : nics.stream()
            .filter(nic -> nic.id() != null)
            .sorted(Comparator.comparing(nic -> !Boolean.TRUE.equals(nic.primary())))
            .map(NetworkInterfaceReference::id)
            .toList();
  }

  /**
   * As a mesh instance on {@code port}; none while it has no known private IP (a VM being created
   * has no NIC yet): an endpoint needs an address, and it is not ready anyway.
   */
  Optional<Instance> toInstance(NetworkAddresses addresses, int port) {
    return addresses
        .of(this)
        .map(
            found -> {
              Map<String, String> labels = new TreeMap<>();
              if (tags != null) {
                tags.forEach(
                    (key, value) -> labels.put("azure.tag." + key, value == null ? "" : value));
              }
              if (faultDomain != null) {
                labels.put("azure.fault_domain", faultDomain.toString());
              }
              if (id != null) {
                labels.put(Instance.AZURE_RESOURCE_ID, id);
              }
              return new Instance(
                      name,
                      instanceId == null ? "" : instanceId,
                      found.privateIp(),
                      found.publicIp(),
                      port,
                      zones == null || zones.isEmpty() ? "" : zones.getFirst(),
                      InstanceStates.of(provisioningState, powerState, healthState),
                      provisioningState == null ? "" : provisioningState,
                      powerState,
                      healthState)
                  .withLabels(labels);
            });
  }
}
