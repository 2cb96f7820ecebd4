package io.scalemesh.controlplane.discovery.azure;

import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.compute.fluent.VirtualMachineScaleSetsClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.models.Sku;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetUpdate;
import io.scalemesh.controlplane.autoscale.AutoscalePolicy;
import io.scalemesh.controlplane.autoscale.CloudAutoscale;
import io.scalemesh.controlplane.autoscale.CpuSample;
import io.scalemesh.controlplane.autoscale.CpuSource;
import io.scalemesh.controlplane.config.DiscoveryConfig.AzureVmssDiscovery;
import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.discovery.DiscoverySource;
import io.scalemesh.controlplane.discovery.Instance;
import io.scalemesh.controlplane.scale.ScaleController;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Azure VM scale set: its instances (refreshed), its CPU from Azure Monitor, its autoscale
 * setting, and its capacity, changed by a PATCH of sku.capacity.
 */
public final class AzureVmssSource implements DiscoverySource, ScaleController, CpuSource, CloudAutoscale {
  private static final Logger LOG = LoggerFactory.getLogger(AzureVmssSource.class);
  /** Scale-outs finish when the new VMs are provisioned, which can take many minutes. */
  private static final Duration OPERATION_LIMIT = Duration.ofMinutes(30);

  private final String scaleSet;
  private final AzureVmssDiscovery config;
  private final AzureSession azure;
  private final AutoscalePolicy configured;
  private final ScaleSetReader reader;
  private final AutoscaleSettingReader settings;
  private final CpuReader cpu;
  private final RefreshLoop loop;
  private final ExecutorService operations =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("azure-scale").factory());
  private final ExecutorService followers =
      Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("azure-operation").factory());
  private final AtomicLong patches = new AtomicLong();
  private volatile ScaleSetReader.View last;
  private volatile Optional<AutoscalePolicy> setting = Optional.empty();
  private volatile Integer requestedCapacity;

  /** {@code configured} gives the bounds while Azure's setting is unknown, and when there is none. */
  public AzureVmssSource(String scaleSet, AzureVmssDiscovery config, AzureSession azure, AutoscalePolicy configured,
      Clock clock) {
    this.scaleSet = scaleSet;
    this.config = config;
    this.azure = azure;
    this.configured = configured;
    this.reader = new ScaleSetReader(azure, config.resourceGroup(), config.scaleSet(), config.port());
    this.settings = new AutoscaleSettingReader(azure, config.resourceGroup());
    this.cpu = new CpuReader(azure);
    this.loop = new RefreshLoop(scaleSet, config.refresh(), this::refresh, clock);
  }

  private List<Instance> refresh() {
    long patchesBefore = patches.get();
    ScaleSetReader.View view = reader.read();
    last = view;
    if (patches.get() == patchesBefore) {
      // Read after the last PATCH was accepted, so its capacity is in the view.
      requestedCapacity = null;
    }
    readAutoscaleSetting(view.id());
    return view.instances();
  }

  /** Its own failure: a Monitor fault must not hold back the instances, and keeps the last setting. */
  private void readAutoscaleSetting(String scaleSetId) {
    try {
      setting = Optional.of(settings.read(scaleSetId).orElseGet(() -> new AutoscalePolicy(false,
          configured.minimum(), configured.maximum(), configured.defaultCapacity(), configured.timeGrain(), List.of())));
    } catch (RuntimeException e) {
      LOG.warn("the autoscale setting of {} could not be read, keeping the last one: {}", config.scaleSet(),
          RefreshLoop.describe(e));
    }
  }

  @Override
  public String scaleSet() {
    return scaleSet;
  }

  @Override
  public void start(Consumer<DiscoveryReport> reports) {
    loop.start(reports);
  }

  @Override
  public Optional<AutoscalePolicy> autoscaleSetting() {
    return setting;
  }

  @Override
  public CpuSample sample(Instant at) {
    ScaleSetReader.View view = last;
    if (view == null) {
      throw new IllegalStateException("the scale set " + config.scaleSet() + " has not been read yet");
    }
    return cpu.read(scaleSet, view.id(), at);
  }

  @Override
  public CompletableFuture<Integer> capacity() {
    Integer requested = requestedCapacity;
    ScaleSetReader.View view = last;
    if (requested != null) {
      return CompletableFuture.completedFuture(requested);
    }
    return view != null ? CompletableFuture.completedFuture(view.capacity())
        : CompletableFuture.supplyAsync(() -> reader.read().capacity(), operations);
  }

  /**
   * Completes once Resource Manager accepts the PATCH; the long-running operation is followed in
   * the background, because a scale-out ends only when its VMs are provisioned.
   */
  @Override
  public CompletableFuture<Void> setCapacity(int capacity) {
    return CompletableFuture.runAsync(() -> {
      VirtualMachineScaleSetsClient scaleSets = azure.compute().serviceClient().getVirtualMachineScaleSets();
      SyncPoller<PollResult<VirtualMachineScaleSetInner>, VirtualMachineScaleSetInner> operation =
          scaleSets.beginUpdate(config.resourceGroup(), config.scaleSet(),
              new VirtualMachineScaleSetUpdate().withSku(new Sku().withCapacity((long) capacity)));
      patches.incrementAndGet();
      requestedCapacity = capacity;
      followers.execute(() -> follow(operation, capacity));
    }, operations);
  }

  private void follow(SyncPoller<PollResult<VirtualMachineScaleSetInner>, VirtualMachineScaleSetInner> operation,
      int capacity) {
    try {
      LongRunningOperationStatus status = operation.waitForCompletion(OPERATION_LIMIT).getStatus();
      if (status == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
        LOG.info("capacity {} of scale set {}: done", capacity, config.scaleSet());
      } else {
        LOG.warn("capacity {} of scale set {}: {}", capacity, config.scaleSet(), status);
      }
    } catch (RuntimeException e) {
      LOG.warn("capacity {} of scale set {} failed: {}", capacity, config.scaleSet(), RefreshLoop.describe(e));
    }
  }

  @Override
  public void close() {
    loop.close();
    operations.shutdownNow();
    followers.shutdownNow();
  }
}
