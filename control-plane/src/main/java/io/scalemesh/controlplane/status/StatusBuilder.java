package io.scalemesh.controlplane.status;

import com.google.protobuf.util.Durations;
import io.scalemesh.controlplane.autoscale.Autoscaler;
import io.scalemesh.controlplane.autoscale.CpuHistory;
import io.scalemesh.controlplane.autoscale.CpuSample;
import io.scalemesh.controlplane.inventory.InventoryView;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.publish.Published;
import io.scalemesh.controlplane.publish.Publisher;
import io.scalemesh.controlplane.scale.ScaleAction;
import io.scalemesh.controlplane.scale.ScaleActions;
import io.scalemesh.controlplane.traffic.TrafficLedger;
import io.scalemesh.controlplane.xds.Convergence;
import io.scalemesh.controlplane.xds.ProxyStatus;
import io.scalemesh.model.console.v1.CapacityBounds;
import io.scalemesh.model.console.v1.EndpointStatus;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.Proxy;
import io.scalemesh.model.console.v1.RemovalHold;
import io.scalemesh.model.console.v1.ScaleProgress;
import io.scalemesh.model.console.v1.ScaleSet;
import io.scalemesh.model.console.v1.SnapshotConvergence;
import io.scalemesh.model.console.v1.XdsStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Builds the console's view of the mesh, as protobuf, from the control plane's parts. */
final class StatusBuilder {
  private final Map<String, String> sourceKinds;
  private final Publisher publisher;
  private final ScaleActions scaling;
  private final Autoscaler autoscaler;
  private final CpuHistory cpu;
  private final Supplier<List<ProxyStatus>> proxies;
  private final Convergence convergence;
  private final TrafficLedger traffic;
  private final Clock clock;
  private final StateSince stateSince = new StateSince();

  StatusBuilder(
      Map<String, String> sourceKinds,
      Publisher publisher,
      ScaleActions scaling,
      Autoscaler autoscaler,
      CpuHistory cpu,
      Supplier<List<ProxyStatus>> proxies,
      Convergence convergence,
      TrafficLedger traffic,
      Clock clock) {
    this.sourceKinds = Map.copyOf(sourceKinds);
    this.publisher = publisher;
    this.scaling = scaling;
    this.autoscaler = autoscaler;
    this.cpu = cpu;
    this.proxies = proxies;
    this.convergence = convergence;
    this.traffic = traffic;
    this.clock = clock;
  }

  MeshStatus build() {
    Instant now = clock.instant();
    MeshStatus.Builder status = MeshStatus.newBuilder().setObservedAt(Timestamps.of(now));
    Optional<Published> published = publisher.current();
    InventoryView inventory = publisher.inventory();
    published.ifPresent(
        p -> {
          XdsStatus.Builder xds =
              XdsStatus.newBuilder()
                  .setSnapshotVersion(p.state().version())
                  .setPublishedAt(Timestamps.of(p.at()));
          convergence
              .last()
              .map(StatusBuilder::snapshotConvergence)
              .ifPresent(xds::setLastConverged);
          status.setXds(xds);
        });
    sourceKinds.keySet().stream()
        .sorted()
        .forEach(name -> status.addScaleSets(scaleSet(name, published, inventory, now)));
    stateSince.retain(
        published
            .map(
                p ->
                    p.state().services().stream()
                        .flatMap(
                            service ->
                                service.instances().stream().map(i -> key(service.name(), i)))
                        .collect(Collectors.toSet()))
            .orElse(Set.of()));
    proxies
        .get()
        .forEach(
            proxy -> {
              Proxy.Builder built =
                  Proxy.newBuilder()
                      .setNodeId(proxy.nodeId())
                      .setCluster(proxy.cluster())
                      .setConnectedSince(Timestamps.of(proxy.connectedSince()))
                      .putAllAckedVersions(proxy.ackedVersions())
                      .setInSync(proxy.inSync())
                      .setLastNack(proxy.lastNack());
              traffic.proxy(proxy.nodeId()).flatMap(TrafficStatus::of).ifPresent(built::setTraffic);
              status.addProxies(built);
            });
    return status.build();
  }

  static SnapshotConvergence snapshotConvergence(Convergence.Converged converged) {
    return SnapshotConvergence.newBuilder()
        .setPublishedAt(Timestamps.of(converged.publishedAt()))
        .setAllAcknowledgedAfter(Durations.fromNanos(converged.after().toNanos()))
        .build();
  }

  private ScaleSet scaleSet(
      String name, Optional<Published> published, InventoryView inventory, Instant now) {
    ScaleSet.Builder scaleSet =
        ScaleSet.newBuilder()
            .setName(name)
            .setSourceKind(sourceKinds.get(name))
            .setDiscoveryError(inventory.errors().getOrDefault(name, ""));
    TrafficStatus.of(traffic.service(name)).ifPresent(scaleSet::setTraffic);
    Optional.ofNullable(publisher.holds().get(name))
        .ifPresent(
            hold -> {
              RemovalHold.Builder held =
                  RemovalHold.newBuilder()
                      .setSince(Timestamps.of(hold.since()))
                      .setGone(hold.gone())
                      .setRoutable(hold.routable())
                      .addAllInstances(hold.instances());
              hold.releasesAt().ifPresent(at -> held.setReleasesAt(Timestamps.of(at)));
              scaleSet.setRemovalHold(held);
            });
    scaling.capacity(name).ifPresent(scaleSet::setCapacity);
    scaling
        .policy(name)
        .ifPresent(
            policy -> {
              scaleSet.setBounds(
                  CapacityBounds.newBuilder()
                      .setMinimum(policy.minimum())
                      .setMaximum(policy.maximum())
                      .setDefault(policy.defaultCapacity()));
              scaleSet.setAutoscale(PolicyStatus.of(policy));
            });
    scaling.lastAction(name).ifPresent(action -> scaleSet.setLastScaleAction(scaleAction(action)));
    autoscaler
        .cooldownUntil(name)
        .ifPresent(until -> scaleSet.setCooldownUntil(Timestamps.of(until)));
    autoscaler.cpuError(name).ifPresent(scaleSet::setCpuError);
    Map<String, Double> instanceCpu = cpu.latest(name).map(CpuSample::perInstance).orElse(Map.of());
    published
        .flatMap(p -> p.state().services().stream().filter(s -> s.name().equals(name)).findFirst())
        .map(MeshState.Service::instances)
        .orElse(List.of())
        .forEach(
            instance -> {
              io.scalemesh.model.console.v1.Instance.Builder built =
                  instance(instance, instanceCpu)
                      .setSince(
                          Timestamps.of(stateSince.of(key(name, instance), instance.state(), now)));
              TrafficStatus.of(traffic.instance(name, instance.name()))
                  .ifPresent(built::setTraffic);
              scaleSet.addInstances(built);
            });
    return scaleSet.build();
  }

  static io.scalemesh.model.console.v1.ScaleAction scaleAction(ScaleAction action) {
    return io.scalemesh.model.console.v1.ScaleAction.newBuilder()
        .setAt(Timestamps.of(action.at()))
        .setActor(action.actor())
        .setFromCapacity(action.fromCapacity())
        .setToCapacity(action.toCapacity())
        .setReason(action.reason())
        .setProgress(
            switch (action.progress()) {
              case IN_PROGRESS -> ScaleProgress.SCALE_PROGRESS_IN_PROGRESS;
              case SUCCEEDED -> ScaleProgress.SCALE_PROGRESS_SUCCEEDED;
              case FAILED -> ScaleProgress.SCALE_PROGRESS_FAILED;
            })
        .setFailure(action.failure())
        .build();
  }

  private static String key(String scaleSet, Instance instance) {
    return scaleSet + "/" + instance.name();
  }

  private static io.scalemesh.model.console.v1.Instance.Builder instance(
      Instance instance, Map<String, Double> cpu) {
    return io.scalemesh.model.console.v1.Instance.newBuilder()
        .setName(instance.name())
        .setInstanceId(instance.instanceId())
        .setPrivateIp(instance.privateIp())
        .setPublicIp(instance.publicIp())
        .setPort(instance.port())
        .setZone(instance.zone())
        .setProvisioningState(instance.provisioningState())
        .setPowerState(instance.powerState())
        .setHealthState(instance.healthState())
        .setEndpointStatus(
            switch (instance.state()) {
              case BOOTING -> EndpointStatus.ENDPOINT_STATUS_BOOTING;
              case READY -> EndpointStatus.ENDPOINT_STATUS_READY;
              case DRAINING -> EndpointStatus.ENDPOINT_STATUS_DRAINING;
              case UNHEALTHY -> EndpointStatus.ENDPOINT_STATUS_UNHEALTHY;
            })
        .setCpuPercent(cpu.getOrDefault(instance.name(), 0.0))
        .setAzureResourceId(instance.labels().getOrDefault(Instance.AZURE_RESOURCE_ID, ""));
  }
}
