package io.scalemesh.console.topology;

import io.scalemesh.console.mesh.CallErrors;
import io.scalemesh.console.mesh.ScaleSetSummary;
import io.scalemesh.console.mesh.Timestamps;
import io.scalemesh.console.topology.TopologyNode.Kind;
import io.scalemesh.model.console.v1.Instance;
import io.scalemesh.model.console.v1.Proxy;
import io.scalemesh.model.console.v1.ScaleSet;
import io.scalemesh.model.console.v1.Traffic;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/** The text the details pane shows for a selected node. */
final class NodeDetails {
  private NodeDetails() {}

  static String describe(TopologyNode node) {
    String state = "State: " + node.state().word() + "\n";
    String text =
        switch (node.source()) {
          case ScaleSet scaleSet when node.kind() == Kind.ZONE -> zone(scaleSet, node);
          case Instance instance -> instance(instance, node) + calls(instance.getTraffic());
          case Proxy proxy -> proxy(proxy) + calls(proxy.getTraffic());
          case ScaleSet scaleSet -> scaleSet(scaleSet) + calls(scaleSet.getTraffic());
          default -> node.label() + "\n";
        };
    return text + state;
  }

  private static String zone(ScaleSet scaleSet, TopologyNode node) {
    List<Instance> instances =
        scaleSet.getInstancesList().stream().filter(i -> i.getZone().equals(node.zone())).toList();
    long ready =
        instances.stream()
            .filter(i -> NodeState.of(i.getEndpointStatus()) == NodeState.READY)
            .count();
    CallErrors calls = node.calls();
    return """
        %s of %s
        Instances: %d, ready %d
        Calls: %s, %s failing (%.1f errors/s), its instances' added up
        """
        .formatted(
            node.label(),
            node.cluster(),
            instances.size(),
            ready,
            calls.describeRate(),
            calls.describeShare(),
            calls.errorsPerSecond());
  }

  /**
   * What the proxies reported: "Calls: 12.5 req/s, 2.0 % failing (0.3 errors/s), 4 in progress" and
   * the totals, or that nothing was reported.
   */
  private static String calls(Traffic traffic) {
    if (!traffic.hasReportedAt()) {
      return "Calls: none reported\n";
    }
    CallErrors calls = CallErrors.of(traffic);
    return """
        Calls: %s, %s failing (%.1f errors/s), %d in progress
        Since the control plane started: %d calls, %d failed
        Last report: %s
        """
        .formatted(
            calls.describeRate(),
            calls.describeShare(),
            calls.errorsPerSecond(),
            traffic.getInProgress(),
            traffic.getRequests(),
            traffic.getErrors(),
            // Load reports are stamped in real time, also in the demo whose mesh clock runs 60x.
            Timestamps.UTC.format(Timestamps.toInstant(traffic.getReportedAt())) + " UTC");
  }

  private static String instance(Instance instance, TopologyNode node) {
    Instant since = Timestamps.ifSet(instance.getSince()).orElse(node.firstSeen());
    return """
        Instance %s (id %s) in %s
        Address: %s:%d
        Public IP: %s
        Zone: %s
        Endpoint: %s since %s
        Provisioning: %s, power: %s, health: %s
        CPU: %.1f %%
        %s"""
        .formatted(
            instance.getName(),
            orNone(instance.getInstanceId()),
            node.cluster(),
            orNone(instance.getPrivateIp()),
            instance.getPort(),
            orNone(instance.getPublicIp()),
            orNone(instance.getZone()),
            NodeState.of(instance.getEndpointStatus()).word(),
            time(since),
            orNone(instance.getProvisioningState()),
            orNone(instance.getPowerState()),
            orNone(instance.getHealthState()),
            instance.getCpuPercent(),
            instance.getAzureResourceId().isEmpty()
                ? ""
                : "Azure resource: " + instance.getAzureResourceId() + "\n");
  }

  private static String proxy(Proxy proxy) {
    StringBuilder text =
        new StringBuilder()
            .append("Proxy ")
            .append(proxy.getNodeId())
            .append(" (cluster ")
            .append(orNone(proxy.getCluster()))
            .append(")\n")
            .append("Connected since: ")
            .append(time(Timestamps.toInstant(proxy.getConnectedSince())))
            .append('\n')
            .append("In sync: ")
            .append(proxy.getInSync() ? "yes" : "no")
            .append('\n')
            .append("Last NACK: ")
            .append(orNone(proxy.getLastNack()))
            .append('\n')
            .append("Acknowledged versions:\n");
    new TreeMap<>(proxy.getAckedVersionsMap())
        .forEach(
            (type, version) ->
                text.append("  ")
                    .append(type.substring(type.lastIndexOf('.') + 1))
                    .append(": ")
                    .append(version)
                    .append('\n'));
    return text.toString();
  }

  private static String scaleSet(ScaleSet scaleSet) {
    ScaleSetSummary summary = ScaleSetSummary.of(scaleSet);
    return """
        Cluster %s (%s)
        Capacity: %d (bounds %d..%d)
        Ready: %d of %d
        Discovery error: %s
        """
        .formatted(
            scaleSet.getName(),
            scaleSet.getSourceKind(),
            summary.desired(),
            summary.minimum(),
            summary.maximum(),
            summary.ready(),
            summary.total(),
            orNone(scaleSet.getDiscoveryError()));
  }

  /**
   * "2026-11-30 04:28:14 UTC (control plane clock)": the control plane's clock may run apart from
   * this computer's (the demo's runs 60 times faster), so a time says whose it is.
   */
  static String time(Instant instant) {
    return Timestamps.UTC.format(instant) + " UTC (control plane clock)";
  }

  private static String orNone(String value) {
    return value.isEmpty() ? "-" : value;
  }
}
