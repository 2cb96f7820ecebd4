package io.scalemesh.console.client;

import io.scalemesh.model.console.v1.StatusAtRequest;
import io.scalemesh.model.console.v1.StatusAtResponse;
import java.util.concurrent.CompletionStage;

/**
 * Asks the control plane for the mesh as it was at a moment; the answer completes on the UI thread.
 */
@FunctionalInterface
public interface PastReader {
  CompletionStage<StatusAtResponse> statusAt(StatusAtRequest request);
}
