package io.scalemesh.console.mesh;

import io.scalemesh.model.console.v1.EndpointStatus;
import io.scalemesh.model.console.v1.Instance;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.ScaleAction;
import io.scalemesh.model.console.v1.ScaleSet;
import java.time.Instant;
import java.util.Optional;

/**
 * The figures of one scale set that several views show, worked out once per update.
 *
 * @param desired the capacity the scale set is asked for
 * @param ready instances that serve traffic
 * @param total every instance published, booting and draining ones included
 * @param averageCpu the mean CPU of the instances, in percent (0 without instances)
 * @param scaleOutAbove the autoscale threshold above which it scales out (0 without autoscale)
 * @param scaleInBelow the autoscale threshold below which it scales in (0 without autoscale)
 * @param cpuError why its CPU could not be read, empty while it is
 * @param autoscale whether autoscale is on (it may undo a manual change)
 */
public record ScaleSetSummary(
    String name,
    int desired,
    int ready,
    int total,
    double averageCpu,
    int minimum,
    int maximum,
    double scaleOutAbove,
    double scaleInBelow,
    Optional<Instant> cooldownUntil,
    Optional<ScaleAction> lastAction,
    String cpuError,
    boolean autoscale) {

  /** The named scale set of this status, if it has one. */
  public static Optional<ScaleSetSummary> find(MeshStatus status, String name) {
    return status.getScaleSetsList().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .map(ScaleSetSummary::of);
  }

  public static ScaleSetSummary of(ScaleSet scaleSet) {
    int ready =
        (int)
            scaleSet.getInstancesList().stream()
                .filter(i -> i.getEndpointStatus() == EndpointStatus.ENDPOINT_STATUS_READY)
                .count();
    double cpu =
        scaleSet.getInstancesList().stream()
            .mapToDouble(Instance::getCpuPercent)
            .average()
            .orElse(0);
    return new ScaleSetSummary(
        scaleSet.getName(),
        scaleSet.getCapacity(),
        ready,
        scaleSet.getInstancesCount(),
        cpu,
        scaleSet.getBounds().getMinimum(),
        scaleSet.getBounds().getMaximum(),
        scaleSet.getAutoscale().getScaleOutCpuPercent(),
        scaleSet.getAutoscale().getScaleInCpuPercent(),
        Timestamps.ifSet(scaleSet.getCooldownUntil()),
        scaleSet.hasLastScaleAction()
            ? Optional.of(scaleSet.getLastScaleAction())
            : Optional.empty(),
        scaleSet.getCpuError(),
        scaleSet.getAutoscale().getEnabled());
  }
}
