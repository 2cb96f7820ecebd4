package io.scalemesh.controlplane.discovery.azure;

import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Each VM's addresses, joined from one list of network interfaces and one of public IPs rather than
 * a GET per VM (which is what gets discoverers throttled at a few hundred VMs). The join works from
 * either side: a NIC names its VM ({@code properties.virtualMachine.id}), or a VM's network profile
 * names its NICs; Resource Manager's answers have either without the other. Resource ids are
 * compared case-insensitively, as Resource Manager does.
 */
final class NetworkAddresses {
  /** The primary private IP and, if any, the public IP of one VM. */
  record Addresses(String privateIp, String publicIp) {}

  private final Map<String, Addresses> byVm;
  private final Map<String, Addresses> byNic;

  private NetworkAddresses(Map<String, Addresses> byVm, Map<String, Addresses> byNic) {
    this.byVm = byVm;
    this.byNic = byNic;
  }

  static NetworkAddresses join(
      List<NetworkInterfaceInner> interfaces, List<PublicIpAddressInner> publicIps) {
    Map<String, String> publicById = new HashMap<>();
    for (PublicIpAddressInner ip : publicIps) {
      if (ip.id() != null && ip.ipAddress() != null) {
        publicById.put(key(ip.id()), ip.ipAddress());
      }
    }
    Map<String, Addresses> byVm = new HashMap<>();
    Map<String, Addresses> byNic = new HashMap<>();
    // The primary interface wins over the others of the same VM.
    interfaces.stream()
        .filter(nic -> nic.id() != null)
        .sorted(Comparator.comparing(nic -> Boolean.TRUE.equals(nic.primary())))
        .forEach(
            nic ->
                primaryConfiguration(nic)
                    .ifPresent(
                        config -> {
                          Addresses addresses =
                              new Addresses(
                                  config.privateIpAddress(),
                                  config.publicIpAddress() == null
                                      ? ""
                                      : publicById.getOrDefault(
                                          key(config.publicIpAddress().id()), ""));
                          byNic.put(key(nic.id()), addresses);
                          if (nic.virtualMachine() != null && nic.virtualMachine().id() != null) {
                            byVm.put(key(nic.virtualMachine().id()), addresses);
                          }
                        }));
    return new NetworkAddresses(byVm, byNic);
  }

  /** Whether any interface has a public IP, so that listing public IPs is worth a call. */
  static boolean anyPublic(List<NetworkInterfaceInner> interfaces) {
    return interfaces.stream()
        .anyMatch(
            nic ->
                nic.ipConfigurations() != null
                    && nic.ipConfigurations().stream()
                        .anyMatch(config -> config.publicIpAddress() != null));
  }

  /**
   * The addresses of {@code vm}: by its NICs' back-reference, else by the NICs it names, primary
   * first.
   */
  Optional<Addresses> of(AzureVm vm) {
    return Optional.ofNullable(byVm.get(key(vm.id())))
        .or(
            () ->
                vm.nicIds().stream()
                    .map(nic -> byNic.get(key(nic)))
                    .filter(Objects::nonNull)
                    .findFirst());
  }

  /**
   * These addresses, and for a VM of {@code vms} that has none now, the one it had before: a NIC
   * missing from one list (being deleted before its VM, or an eventually consistent read) must not
   * take a live VM's address away. Only VMs still listed are remembered.
   */
  NetworkAddresses orElse(NetworkAddresses previous, List<AzureVm> vms) {
    Map<String, Addresses> merged = new HashMap<>();
    for (AzureVm vm : vms) {
      of(vm).or(() -> previous.of(vm)).ifPresent(addresses -> merged.put(key(vm.id()), addresses));
    }
    return new NetworkAddresses(merged, Map.of());
  }

  static NetworkAddresses none() {
    return new NetworkAddresses(Map.of(), Map.of());
  }

  private static Optional<NetworkInterfaceIpConfigurationInner> primaryConfiguration(
      NetworkInterfaceInner nic) {
    List<NetworkInterfaceIpConfigurationInner> configs = nic.ipConfigurations();
    if (configs == null || configs.isEmpty()) {
      return Optional.empty();
    }
    return configs.stream()
        .filter(config -> Boolean.TRUE.equals(config.primary()))
        .findFirst()
        .or(() -> Optional.of(configs.getFirst()))
        .filter(config -> config.privateIpAddress() != null);
  }

  private static String key(String resourceId) {
    return resourceId.toLowerCase(Locale.ROOT);
  }
}
