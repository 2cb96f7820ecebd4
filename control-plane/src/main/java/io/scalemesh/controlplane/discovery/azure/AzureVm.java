package io.scalemesh.controlplane.discovery.azure;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetVMInner;
import io.scalemesh.controlplane.discovery.Instance;
import io.scalemesh.controlplane.discovery.InstanceState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Scalemesh reads of one VM, whichever list it came from (a Uniform scale set's instances, or
 * ordinary VMs: Flexible scale sets and tagged VMs), and how it becomes an instance.
 */
record AzureVm(String id, String name, String instanceId, List<String> zones, String provisioningState,
    String powerState, String healthState, Integer faultDomain, Map<String, String> tags) {

  static AzureVm of(VirtualMachineScaleSetVMInner vm) {
    var view = vm.instanceView();
    return new AzureVm(vm.id(), vm.name(), vm.instanceId(), vm.zones(), vm.provisioningState(),
        view == null ? "" : InstanceStates.power(view.statuses()),
        view == null ? "" : InstanceStates.health(view.vmHealth()),
        view == null ? null : view.platformFaultDomain(), vm.tags());
  }

  static AzureVm of(VirtualMachineInner vm) {
    var view = vm.instanceView();
    return new AzureVm(vm.id(), vm.name(), vm.vmId(), vm.zones(), vm.provisioningState(),
        view == null ? "" : InstanceStates.power(view.statuses()),
        view == null ? "" : InstanceStates.health(view.vmHealth()),
        view == null ? null : view.platformFaultDomain(), vm.tags());
  }

  /**
   * As a mesh instance on {@code port}. Without a known private IP it is booting (a VM being
   * created has no NIC yet) at 0.0.0.0, so that it shows but is never routed to.
   */
  Instance toInstance(NetworkAddresses addresses, int port) {
    var found = addresses.of(id);
    var state = InstanceStates.of(provisioningState, powerState, healthState);
    if (found.isEmpty() && state == InstanceState.READY) {
      state = InstanceState.BOOTING;
    }
    Map<String, String> labels = new TreeMap<>();
    if (tags != null) {
      tags.forEach((key, value) -> labels.put("azure.tag." + key, value == null ? "" : value));
    }
    if (faultDomain != null) {
      labels.put("azure.fault_domain", faultDomain.toString());
    }
    return new Instance(name, instanceId == null ? "" : instanceId,
        found.map(NetworkAddresses.Addresses::privateIp).orElse("0.0.0.0"),
        found.map(NetworkAddresses.Addresses::publicIp).orElse(""),
        port,
        zones == null || zones.isEmpty() ? "" : zones.getFirst(),
        state,
        provisioningState == null ? "" : provisioningState,
        powerState,
        healthState)
        .withLabels(labels);
  }
}
