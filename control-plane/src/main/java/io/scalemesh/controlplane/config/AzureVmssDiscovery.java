package io.scalemesh.controlplane.config;

/**
 * The instances of one Azure VM scale set, Uniform or Flexible.
 *
 * @param resourceGroup the scale set's resource group
 * @param scaleSet its name
 * @param port the port the backend listens on, on every instance
 * @param refreshSeconds how often it is listed (default 15); CPU is read once a minute
 */
public record AzureVmssDiscovery(String resourceGroup, String scaleSet, Integer port, Integer refreshSeconds)
    implements DiscoveryConfig, AzureDiscovery {
  static final String KIND = "azure-vmss";

  public AzureVmssDiscovery {
    AzureDiscovery.require("resource_group", resourceGroup);
    AzureDiscovery.require("scale_set", scaleSet);
    port = AzureDiscovery.port(port);
    refreshSeconds = AzureDiscovery.checkedRefreshSeconds(refreshSeconds);
  }

  @Override
  public String kind() {
    return KIND;
  }
}
