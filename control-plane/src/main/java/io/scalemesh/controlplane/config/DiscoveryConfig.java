package io.scalemesh.controlplane.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Where a service's instances come from; {@code kind} picks the source. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SimulatedDiscovery.class, name = SimulatedDiscovery.KIND),
})
public sealed interface DiscoveryConfig permits SimulatedDiscovery {

  /** The name {@code kind} selects this source by. */
  String kind();
}
