package io.scalemesh.console.client;

import io.scalemesh.model.console.v1.ScaleRequest;
import io.scalemesh.model.console.v1.ScaleResponse;
import java.util.concurrent.CompletionStage;

/** Sends a scale request; the outcome completes on the UI thread. */
@FunctionalInterface
public interface Scaler {
  CompletionStage<ScaleResponse> scale(ScaleRequest request);
}
