package io.scalemesh.controlplane.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Where a service's instances come from; {@code kind} picks the source. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SimulatedDiscovery.class, name = SimulatedDiscovery.KIND),
    @JsonSubTypes.Type(value = ConsulDiscovery.class, name = ConsulDiscovery.KIND),
})
public sealed interface DiscoveryConfig permits SimulatedDiscovery, ConsulDiscovery {

  /** The name {@code kind} selects this source by. */
  String kind();
}
