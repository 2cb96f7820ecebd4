package io.scalemesh.controlplane.scale;

import java.util.concurrent.CompletableFuture;

/**
 * A capacity change the scale set accepted and may still be carrying out: a cloud takes minutes to
 * provision what it accepted in a second, and may fail at it.
 *
 * @param finished completes when the scale set says the change is done; exceptionally, with the
 *     scale set's reason, when it failed
 */
public record PendingChange(CompletableFuture<Void> finished) {

  /** A change that was done when it was accepted. */
  public static PendingChange done() {
    return new PendingChange(CompletableFuture.completedFuture(null));
  }
}
