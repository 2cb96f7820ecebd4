package io.scalemesh.controlplane.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Where a service's instances come from; {@code kind} picks the source. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SimulatedDiscovery.class, name = SimulatedDiscovery.KIND),
    @JsonSubTypes.Type(value = AzureVmssDiscovery.class, name = AzureVmssDiscovery.KIND),
    @JsonSubTypes.Type(value = AzureVmTagsDiscovery.class, name = AzureVmTagsDiscovery.KIND),
    @JsonSubTypes.Type(value = ConsulDiscovery.class, name = ConsulDiscovery.KIND),
})
public sealed interface DiscoveryConfig permits SimulatedDiscovery, AzureVmssDiscovery, AzureVmTagsDiscovery,
    ConsulDiscovery {

  /** The name {@code kind} selects this source by. */
  String kind();
}
