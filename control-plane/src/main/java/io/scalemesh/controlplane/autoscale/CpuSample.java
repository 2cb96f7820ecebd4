package io.scalemesh.controlplane.autoscale;

import java.time.Instant;
import java.util.Map;

/**
 * "Percentage CPU" of one scale set over one time grain.
 *
 * @param service the scale set
 * @param at the end of the grain
 * @param average the average over its instances (Azure's "Average" statistic)
 * @param perInstance each instance's figure, by instance name
 */
public record CpuSample(
    String service, Instant at, double average, Map<String, Double> perInstance) {
  public CpuSample {
    perInstance = Map.copyOf(perInstance);
  }
}
