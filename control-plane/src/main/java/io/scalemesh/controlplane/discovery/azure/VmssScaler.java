package io.scalemesh.controlplane.discovery.azure;

import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.models.Sku;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetUpdate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalemesh.controlplane.scale.PendingChange;
import io.scalemesh.controlplane.scale.ScaleController;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Changes one scale set's capacity with a PATCH of sku.capacity, and follows the operation. */
final class VmssScaler implements ScaleController, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VmssScaler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Scale-outs finish when the new VMs are provisioned, which can take many minutes. */
  private static final Duration OPERATION_LIMIT = Duration.ofMinutes(30);

  private final AzureSession azure;
  private final String resourceGroup;
  private final String name;
  private final ScaleSetState state;
  private final ExecutorService patches =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("azure-scale").factory());
  private final ExecutorService followers =
      Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("azure-operation").factory());

  VmssScaler(AzureSession azure, String resourceGroup, String name, ScaleSetState state) {
    this.azure = azure;
    this.resourceGroup = resourceGroup;
    this.name = name;
    this.state = state;
  }

  @Override
  public OptionalInt capacity() {
    return state.capacity();
  }

  /**
   * Completes once Resource Manager accepts the PATCH; the long-running operation is followed in
   * the background, because a scale-out ends only when its VMs are provisioned, and the change is
   * finished only when Azure says Succeeded.
   */
  @Override
  public CompletableFuture<PendingChange> setCapacity(int capacity) {
    return CompletableFuture.supplyAsync(
        () -> {
          SyncPoller<PollResult<VirtualMachineScaleSetInner>, VirtualMachineScaleSetInner>
              operation =
                  azure
                      .compute()
                      .serviceClient()
                      .getVirtualMachineScaleSets()
                      .beginUpdate(
                          resourceGroup,
                          name,
                          new VirtualMachineScaleSetUpdate()
                              .withSku(new Sku().withCapacity((long) capacity)));
          state.requested(capacity);
          CompletableFuture<Void> finished = new CompletableFuture<>();
          followers.execute(() -> follow(operation, capacity, finished));
          return new PendingChange(finished);
        },
        patches);
  }

  private void follow(
      SyncPoller<PollResult<VirtualMachineScaleSetInner>, VirtualMachineScaleSetInner> operation,
      int capacity,
      CompletableFuture<Void> finished) {
    try {
      PollResponse<PollResult<VirtualMachineScaleSetInner>> last =
          operation.waitForCompletion(OPERATION_LIMIT);
      if (last.getStatus() == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
        LOG.info("capacity {} of scale set {}: done", capacity, name);
        finished.complete(null);
      } else {
        String why = "Azure's operation ended " + last.getStatus() + outcome(last.getValue());
        LOG.warn("capacity {} of scale set {}: {}", capacity, name, why);
        finished.completeExceptionally(new IllegalStateException(why));
      }
    } catch (RuntimeException e) {
      String why = AzureFailures.INSTANCE.describe(e);
      LOG.warn("capacity {} of scale set {} failed: {}", capacity, name, why);
      finished.completeExceptionally(new IllegalStateException(why, e));
    }
  }

  /**
   * Azure's own error of a failed operation ("QuotaExceeded: ..."), from the status body: the SDK's
   * message only says that it failed.
   */
  private static String outcome(PollResult<?> result) {
    if (result == null || result.getError() == null) {
      return "";
    }
    try {
      JsonNode error = JSON.readTree(result.getError().getResponseBody()).path("error");
      if (error.hasNonNull("message")) {
        return ": " + error.path("code").asText("") + ": " + error.path("message").asText();
      }
    } catch (IOException | RuntimeException e) {
      // No readable body: the SDK's message is all there is.
    }
    return ": " + result.getError().getMessage();
  }

  @Override
  public void close() {
    patches.shutdownNow();
    followers.shutdownNow();
  }
}
