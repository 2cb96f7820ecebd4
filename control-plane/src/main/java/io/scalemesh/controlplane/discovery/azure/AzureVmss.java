package io.scalemesh.controlplane.discovery.azure;

import io.scalemesh.controlplane.config.DiscoveryConfig.AzureVmssDiscovery;
import io.scalemesh.controlplane.discovery.PollingLoop;
import io.scalemesh.controlplane.discovery.ServiceCapabilities;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.policy.AutoscalePolicy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The azure-vmss kind: one VM scale set, Uniform or Flexible. Its discovery polls the scale set,
 * faster while it changes ({@link RefreshPace}) and at once when Resource Manager's change events
 * name it; its scaler PATCHes sku.capacity; its CPU comes from Azure Monitor; its autoscale setting
 * from Azure Monitor autoscale. They share one read-only view of the scale set, which only
 * discovery writes.
 */
public final class AzureVmss {
  private final ScaleSetReader reader;
  private final ScaleSetState state;
  private final VmssAutoscaleSetting autoscale;

  private AzureVmss(ScaleSetReader reader, ScaleSetState state, VmssAutoscaleSetting autoscale) {
    this.reader = reader;
    this.state = state;
    this.autoscale = autoscale;
  }

  /**
   * @param configured the bounds while Azure's autoscale setting is unknown, and when there is none
   */
  public static ServiceCapabilities capabilities(
      String service,
      AzureVmssDiscovery config,
      AzureSession azure,
      AutoscalePolicy configured,
      Clock clock) {
    ScaleSetState state = new ScaleSetState();
    VmssAutoscaleSetting autoscale =
        new VmssAutoscaleSetting(
            config.scaleSet(),
            new AutoscaleSettingReader(azure, config.resourceGroup()),
            configured,
            clock);
    AzureVmss scaleSet =
        new AzureVmss(
            new ScaleSetReader(azure, config.resourceGroup(), config.scaleSet(), config.port()),
            state,
            autoscale);
    CpuReader cpu = new CpuReader(azure);
    PollingLoop discovery =
        new PollingLoop(
            service,
            new RefreshPace(
                    config.refresh(),
                    config.transitionRefresh(),
                    state::inTransition,
                    azure.rateLimits())
                ::next,
            scaleSet::read,
            AzureFailures.INSTANCE,
            clock);
    return new ServiceCapabilities(
        discovery,
        Optional.of(new VmssScaler(azure, config.resourceGroup(), config.scaleSet(), state)),
        Optional.of(
            at ->
                cpu.read(
                    service,
                    state
                        .last()
                        .orElseThrow(
                            () ->
                                new IllegalStateException(
                                    "the scale set "
                                        + config.scaleSet()
                                        + " has not been read yet"))
                        .id(),
                    at)),
        Optional.of(autoscale),
        Optional.of(
            new ScaleSetChanges(
                azure.subscriptionId(),
                config.resourceGroup(),
                config.scaleSet(),
                state,
                discovery)),
        Optional.empty());
  }

  /**
   * One refresh: the scale set and its instances, then its autoscale setting (whose faults it keeps
   * to itself).
   */
  private List<Instance> read() {
    long patchesBefore = state.patches();
    ScaleSetReader.View view = reader.read();
    state.read(view, patchesBefore);
    autoscale.refresh(view.id());
    return view.instances();
  }
}
