package io.scalemesh.console.client;

import io.scalemesh.model.console.v1.ReleaseHoldRequest;
import io.scalemesh.model.console.v1.ReleaseHoldResponse;
import java.util.concurrent.CompletionStage;

/**
 * Asks the control plane to publish a held mass removal now; the outcome completes on the UI
 * thread.
 */
@FunctionalInterface
public interface HoldReleaser {
  CompletionStage<ReleaseHoldResponse> releaseHold(ReleaseHoldRequest request);
}
