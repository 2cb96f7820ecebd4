package io.scalemesh.controlplane.discovery.azure;

import io.scalemesh.controlplane.discovery.ChangeHints;
import io.scalemesh.controlplane.discovery.PollingLoop;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Which of Resource Manager's change events concern one scale set: the scale set itself and
 * whatever is under it (Uniform instances, extensions, actions on them); and, when it is Flexible,
 * any VM in its resource group, because Flexible instances are ordinary VMs there, whose names need
 * not say which scale set they belong to. Until the scale set has been read its orchestration is
 * unknown, so such VMs count then too: a needless read costs one read, a missed one a period.
 */
final class ScaleSetChanges implements ChangeHints {
  private final String scaleSetId;
  private final String groupVms;
  private final ScaleSetState state;
  private final PollingLoop loop;

  ScaleSetChanges(
      String subscriptionId,
      String resourceGroup,
      String scaleSet,
      ScaleSetState state,
      PollingLoop loop) {
    String group =
        normalized("/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup);
    this.scaleSetId =
        group + normalized("/providers/Microsoft.Compute/virtualMachineScaleSets/" + scaleSet);
    this.groupVms = group + normalized("/providers/Microsoft.Compute/virtualMachines/");
    this.state = state;
    this.loop = loop;
  }

  @Override
  public boolean concerns(String resource) {
    String id = normalized(resource);
    if (id.endsWith("/")) {
      id = id.substring(0, id.length() - 1);
    }
    return id.equals(scaleSetId)
        || id.startsWith(scaleSetId + "/")
        || id.startsWith(groupVms) && state.last().map(ScaleSetReader.View::flexible).orElse(true);
  }

  @Override
  public CompletableFuture<Void> hint() {
    return loop.hint();
  }

  /** Resource Manager's ids are case-insensitive, and events spell them as they like. */
  private static String normalized(String resourceId) {
    return resourceId.toLowerCase(Locale.ROOT);
  }
}
