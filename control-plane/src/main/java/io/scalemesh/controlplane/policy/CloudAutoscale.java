package io.scalemesh.controlplane.policy;

import java.util.Optional;

/**
 * A scale set whose autoscale the cloud runs (Azure Monitor for a VM scale set). Its setting, as
 * last read, replaces the configured policy for bounds and for what the console shows; Scalemesh's
 * own autoscaler never acts on it.
 */
public interface CloudAutoscale {

  /**
   * The setting as last read: empty until read; not enabled and without rules when there is none.
   */
  Optional<AutoscalePolicy> autoscaleSetting();
}
