package io.scalemesh.controlplane.scale;

import java.util.concurrent.CompletableFuture;

/** Changes how many instances one scale set should have. */
public interface ScaleController {

  String scaleSet();

  /** The desired capacity now. */
  CompletableFuture<Integer> capacity();

  /** Asks for {@code capacity} instances; completes when the request is accepted, not when they are ready. */
  CompletableFuture<Void> setCapacity(int capacity);
}
