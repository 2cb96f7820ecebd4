package io.scalemesh.controlplane.config;

/**
 * Standalone Azure VMs that carry a tag, as one service.
 *
 * @param tag {@code key=value}
 * @param resourceGroup only VMs in this resource group (default: the whole subscription)
 * @param port the port the backend listens on, on every VM
 * @param refreshSeconds how often they are listed (default 15)
 */
public record AzureVmTagsDiscovery(String tag, String resourceGroup, Integer port, Integer refreshSeconds)
    implements DiscoveryConfig, AzureDiscovery {
  static final String KIND = "azure-vm-tags";

  public AzureVmTagsDiscovery {
    AzureDiscovery.require("tag", tag);
    int equals = tag.indexOf('=');
    if (equals < 1 || equals == tag.length() - 1) {
      throw new IllegalArgumentException("tag '" + tag + "' must be key=value");
    }
    port = AzureDiscovery.port(port);
    refreshSeconds = AzureDiscovery.checkedRefreshSeconds(refreshSeconds);
  }

  public String tagKey() {
    return tag.substring(0, tag.indexOf('='));
  }

  public String tagValue() {
    return tag.substring(tag.indexOf('=') + 1);
  }

  @Override
  public String kind() {
    return KIND;
  }
}
