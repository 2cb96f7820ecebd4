package io.scalemesh.controlplane.autoscale;

import java.time.Instant;

/** Where a scale set's "Percentage CPU" comes from: the simulation, or Azure Monitor. */
public interface CpuSource {

  /** CPU over the grain that ends now. */
  CpuSample sample(Instant at);
}
