package io.scalemesh.controlplane.scale;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** Changes how many instances one scale set should have. */
public interface ScaleController {

  /**
   * The desired capacity as last known (asked for, or read), without waiting; empty before it is
   * known.
   */
  OptionalInt capacity();

  /**
   * Asks for {@code capacity} instances; completes when the request is accepted, with the change as
   * it goes on (the instances are not ready then, and the scale set may not be done).
   */
  CompletableFuture<PendingChange> setCapacity(int capacity);
}
