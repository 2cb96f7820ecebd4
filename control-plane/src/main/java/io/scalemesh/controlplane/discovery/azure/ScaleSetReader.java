package io.scalemesh.controlplane.discovery.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.models.ExpandTypeForListVMs;
import com.azure.resourcemanager.compute.models.OrchestrationMode;
import com.azure.resourcemanager.network.fluent.NetworkInterfacesClient;
import com.azure.resourcemanager.network.fluent.PublicIpAddressesClient;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one scale set with a fixed number of paged lists, whatever its size: the scale set, its VMs
 * with their instance views, their network interfaces and (when any has one) public IPs. Uniform
 * instances live under the scale set; Flexible ones are ordinary VMs in its resource group. Every
 * page is read before anything is returned: a missing page fails the read, never shortens it.
 */
final class ScaleSetReader {
  private final AzureSession azure;
  private final String resourceGroup;
  private final String name;
  private final int port;

  ScaleSetReader(AzureSession azure, String resourceGroup, String name, int port) {
    this.azure = azure;
    this.resourceGroup = resourceGroup;
    this.name = name;
    this.port = port;
  }

  private NetworkAddresses lastAddresses = NetworkAddresses.none();

  /**
   * The scale set as it is now.
   *
   * @param flexible whether its orchestration is Flexible (instances are VMs in its group)
   */
  record View(
      String id,
      int capacity,
      boolean flexible,
      String provisioningState,
      List<Instance> instances) {

    /**
     * Changing now: the scale set updating, fewer or more instances with addresses than its
     * capacity, or an instance being created, booting or draining.
     */
    boolean inTransition() {
      return CHANGING.contains(provisioningState.toLowerCase(Locale.ROOT))
          || capacity != instances.size()
          || instances.stream()
              .anyMatch(
                  instance ->
                      instance.state() == InstanceState.BOOTING
                          || instance.state() == InstanceState.DRAINING);
    }
  }

  private static final Set<String> CHANGING = Set.of("updating", "creating", "deleting");

  /** Reads it; called from one thread at a time (it remembers the last addresses). */
  synchronized View read() {
    VirtualMachineScaleSetInner scaleSet =
        azure
            .compute()
            .serviceClient()
            .getVirtualMachineScaleSets()
            .getByResourceGroup(resourceGroup, name);
    boolean flexible = OrchestrationMode.FLEXIBLE.equals(scaleSet.orchestrationMode());
    List<AzureVm> vms = flexible ? flexibleVms(scaleSet.id()) : uniformVms();
    NetworkInterfacesClient nics = azure.network().serviceClient().getNetworkInterfaces();
    List<NetworkInterfaceInner> interfaces =
        Pages.all(
            flexible
                ? nics.listByResourceGroup(resourceGroup)
                : nics.listVirtualMachineScaleSetNetworkInterfaces(resourceGroup, name));
    PublicIpAddressesClient ips = azure.network().serviceClient().getPublicIpAddresses();
    List<PublicIpAddressInner> publicIps =
        !NetworkAddresses.anyPublic(interfaces)
            ? List.of()
            : Pages.all(
                flexible
                    ? ips.listByResourceGroup(resourceGroup)
                    : ips.listVirtualMachineScaleSetPublicIpAddresses(resourceGroup, name));
    NetworkAddresses addresses =
        NetworkAddresses.join(interfaces, publicIps).orElse(lastAddresses, vms);
    lastAddresses = addresses;
    int capacity =
        scaleSet.sku() == null || scaleSet.sku().capacity() == null
            ? 0
            : scaleSet.sku().capacity().intValue();
    return new View(
        scaleSet.id(),
        capacity,
        flexible,
        scaleSet.provisioningState() == null ? "" : scaleSet.provisioningState(),
        vms.stream().flatMap(vm -> vm.toInstance(addresses, port).stream()).toList());
  }

  private List<AzureVm> uniformVms() {
    return Pages.all(
            azure
                .compute()
                .serviceClient()
                .getVirtualMachineScaleSetVMs()
                .list(resourceGroup, name, null, null, "instanceView", Context.NONE))
        .stream()
        .map(AzureVm::of)
        .toList();
  }

  private List<AzureVm> flexibleVms(String scaleSetId) {
    return Pages.all(
            azure
                .compute()
                .serviceClient()
                .getVirtualMachines()
                .listByResourceGroup(
                    resourceGroup,
                    "'virtualMachineScaleSet/id' eq '" + scaleSetId + "'",
                    ExpandTypeForListVMs.INSTANCE_VIEW,
                    Context.NONE))
        .stream()
        .map(AzureVm::of)
        .toList();
  }
}
