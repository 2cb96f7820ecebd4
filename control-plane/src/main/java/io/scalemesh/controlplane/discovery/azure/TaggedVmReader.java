package io.scalemesh.controlplane.discovery.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import com.azure.resourcemanager.compute.models.ExpandTypeForListVMs;
import com.azure.resourcemanager.network.fluent.NetworkInterfacesClient;
import com.azure.resourcemanager.network.fluent.PublicIpAddressesClient;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import io.scalemesh.controlplane.discovery.Instance;
import java.util.List;
import java.util.Optional;

/**
 * Reads the standalone VMs that carry one tag: the VM list has no tag filter, so the VMs (with
 * instance views) are listed once and filtered here, then joined with one list of interfaces and
 * one of public IPs, in a resource group or the whole subscription.
 */
final class TaggedVmReader {
  private final AzureSession azure;
  private final Optional<String> resourceGroup;
  private final String tagKey;
  private final String tagValue;
  private final int port;

  TaggedVmReader(AzureSession azure, Optional<String> resourceGroup, String tagKey, String tagValue, int port) {
    this.azure = azure;
    this.resourceGroup = resourceGroup;
    this.tagKey = tagKey;
    this.tagValue = tagValue;
    this.port = port;
  }

  List<Instance> read() {
    VirtualMachinesClient vms = azure.compute().serviceClient().getVirtualMachines();
    List<AzureVm> tagged = ScaleSetReader.all(resourceGroup.isPresent()
            ? vms.listByResourceGroup(resourceGroup.get(), null, ExpandTypeForListVMs.INSTANCE_VIEW, Context.NONE)
            // Subscription-wide, statusOnly adds the instance views (power state).
            : vms.list("true", null, null, Context.NONE))
        .stream()
        .map(AzureVm::of)
        .filter(vm -> vm.tags() != null && tagValue.equals(vm.tags().get(tagKey)))
        .toList();
    if (tagged.isEmpty()) {
      return List.of();
    }
    NetworkInterfacesClient nics = azure.network().serviceClient().getNetworkInterfaces();
    List<NetworkInterfaceInner> interfaces = ScaleSetReader.all(
        resourceGroup.map(nics::listByResourceGroup).orElseGet(nics::list));
    PublicIpAddressesClient ips = azure.network().serviceClient().getPublicIpAddresses();
    List<PublicIpAddressInner> publicIps = !NetworkAddresses.anyPublic(interfaces) ? List.of()
        : ScaleSetReader.all(resourceGroup.map(ips::listByResourceGroup).orElseGet(ips::list));
    NetworkAddresses addresses = NetworkAddresses.join(interfaces, publicIps);
    return tagged.stream().map(vm -> vm.toInstance(addresses, port)).toList();
  }
}
