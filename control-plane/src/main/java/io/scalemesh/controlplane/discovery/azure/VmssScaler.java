package io.scalemesh.controlplane.discovery.azure;

import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.models.Sku;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetUpdate;
import io.scalemesh.controlplane.scale.ScaleController;
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
   * the background, because a scale-out ends only when its VMs are provisioned.
   */
  @Override
  public CompletableFuture<Void> setCapacity(int capacity) {
    return CompletableFuture.runAsync(
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
          followers.execute(() -> follow(operation, capacity));
        },
        patches);
  }

  private void follow(
      SyncPoller<PollResult<VirtualMachineScaleSetInner>, VirtualMachineScaleSetInner> operation,
      int capacity) {
    try {
      LongRunningOperationStatus status = operation.waitForCompletion(OPERATION_LIMIT).getStatus();
      if (status == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
        LOG.info("capacity {} of scale set {}: done", capacity, name);
      } else {
        LOG.warn("capacity {} of scale set {}: {}", capacity, name, status);
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "capacity {} of scale set {} failed: {}",
          capacity,
          name,
          AzureFailures.INSTANCE.describe(e));
    }
  }

  @Override
  public void close() {
    patches.shutdownNow();
    followers.shutdownNow();
  }
}
