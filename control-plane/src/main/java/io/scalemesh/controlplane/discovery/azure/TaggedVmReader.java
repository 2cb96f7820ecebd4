package io.scalemesh.controlplane.discovery.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.network.fluent.NetworkInterfacesClient;
import com.azure.resourcemanager.network.fluent.PublicIpAddressesClient;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import io.scalemesh.controlplane.mesh.Instance;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the standalone VMs that carry one tag: the VM list has no tag filter, so the VMs (with
 * instance views) are listed once and filtered here, then joined with one list of interfaces and
 * one of public IPs, of a resource group or the whole subscription.
 */
final class TaggedVmReader {
  private final AzureSession azure;
  private final Optional<String> resourceGroup;
  private final String tagKey;
  private final String tagValue;
  private final int port;
  private NetworkAddresses lastAddresses = NetworkAddresses.none();

  TaggedVmReader(
      AzureSession azure,
      Optional<String> resourceGroup,
      String tagKey,
      String tagValue,
      int port) {
    this.azure = azure;
    this.resourceGroup = resourceGroup;
    this.tagKey = tagKey;
    this.tagValue = tagValue;
    this.port = port;
  }

  /** Reads them; called from one thread at a time (it remembers the last addresses). */
  synchronized List<Instance> read() {
    // Subscription-wide with statusOnly, which brings the instance views (power state); the
    // resource group's list cannot expand them without a $filter, and has no tag filter.
    List<AzureVm> tagged =
        Pages.all(
                azure
                    .compute()
                    .serviceClient()
                    .getVirtualMachines()
                    .list("true", null, null, Context.NONE))
            .stream()
            .map(AzureVm::of)
            .filter(vm -> vm.tags() != null && tagValue.equals(vm.tags().get(tagKey)))
            .filter(vm -> resourceGroup.isEmpty() || inGroup(vm.id(), resourceGroup.get()))
            .toList();
    if (tagged.isEmpty()) {
      return List.of();
    }
    NetworkInterfacesClient nics = azure.network().serviceClient().getNetworkInterfaces();
    List<NetworkInterfaceInner> interfaces =
        Pages.all(resourceGroup.map(nics::listByResourceGroup).orElseGet(nics::list));
    PublicIpAddressesClient ips = azure.network().serviceClient().getPublicIpAddresses();
    List<PublicIpAddressInner> publicIps =
        !NetworkAddresses.anyPublic(interfaces)
            ? List.of()
            : Pages.all(resourceGroup.map(ips::listByResourceGroup).orElseGet(ips::list));
    NetworkAddresses addresses =
        NetworkAddresses.join(interfaces, publicIps)
            .orElse(lastAddresses, tagged.stream().map(AzureVm::id).toList());
    lastAddresses = addresses;
    return tagged.stream().flatMap(vm -> vm.toInstance(addresses, port).stream()).toList();
  }

  private static boolean inGroup(String resourceId, String group) {
    return resourceId
        .toLowerCase(Locale.ROOT)
        .contains("/resourcegroups/" + group.toLowerCase(Locale.ROOT) + "/");
  }
}
