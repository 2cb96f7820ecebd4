package io.scalemesh.controlplane.discovery.azure;

import com.azure.resourcemanager.network.fluent.NetworkInterfacesClient;
import com.azure.resourcemanager.network.fluent.PublicIpAddressesClient;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.resourcegraph.fluent.models.QueryResponseInner;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import io.scalemesh.controlplane.mesh.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the standalone VMs that carry one tag. No VM list of Resource Manager returns both a VM's
 * tags and its power state (the subscription-wide list with {@code statusOnly=true} brings the
 * power state without the tags: azure-sdk-for-go issue 18565, azure-rest-api-specs issue 42411), so
 * the VMs come from one Azure Resource Graph query that filters by tag and projects both, page by
 * page; their addresses from one list of interfaces and one of public IPs, joined by the NICs each
 * VM names.
 */
final class TaggedVmReader {
  /** Resource Graph's largest page. */
  private static final int PAGE = 1_000;

  private final AzureSession azure;
  private final Optional<String> resourceGroup;
  private final String query;
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
    this.query = query(resourceGroup, tagKey, tagValue);
    this.port = port;
  }

  /** Reads them; called from one thread at a time (it remembers the last addresses). */
  synchronized List<Instance> read() {
    List<AzureVm> tagged = taggedVms();
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
        NetworkAddresses.join(interfaces, publicIps).orElse(lastAddresses, tagged);
    lastAddresses = addresses;
    return tagged.stream().flatMap(vm -> vm.toInstance(addresses, port).stream()).toList();
  }

  /** Every page of the query's rows; a page missing fails the read, never shortens it. */
  private List<AzureVm> taggedVms() {
    List<AzureVm> vms = new ArrayList<>();
    String skipToken = null;
    do {
      QueryResponseInner page =
          azure
              .resourceGraph()
              .serviceClient()
              .getResourceProviders()
              .resources(
                  new QueryRequest()
                      .withSubscriptions(List.of(azure.subscriptionId()))
                      .withQuery(query)
                      .withOptions(
                          new QueryRequestOptions()
                              .withResultFormat(ResultFormat.OBJECT_ARRAY)
                              .withTop(PAGE)
                              .withSkipToken(skipToken)));
      if (!(page.data() instanceof List<?> rows)) {
        throw new IllegalStateException("Resource Graph answered no rows for the tagged VMs");
      }
      rows.forEach(row -> vms.add(ResourceGraphVm.of(row)));
      skipToken = page.skipToken();
    } while (skipToken != null && !skipToken.isEmpty());
    return vms;
  }

  /**
   * The KQL query: the VMs with the tag, each with what an instance needs. Values are quoted, never
   * spliced.
   */
  static String query(Optional<String> resourceGroup, String tagKey, String tagValue) {
    return "Resources"
        + " | where type =~ 'microsoft.compute/virtualmachines'"
        + " | where tostring(tags["
        + kql(tagKey)
        + "]) == "
        + kql(tagValue)
        + resourceGroup.map(group -> " | where resourceGroup =~ " + kql(group)).orElse("")
        + " | project id, name, zones, tags,"
        + " vmId = tostring(properties.vmId),"
        + " provisioningState = tostring(properties.provisioningState),"
        + " powerState = tostring(properties.extended.instanceView.powerState.code),"
        + " nics = properties.networkProfile.networkInterfaces"
        + " | order by id asc";
  }

  /** A KQL string literal: single quotes, with backslash escapes for what could end it. */
  private static String kql(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
