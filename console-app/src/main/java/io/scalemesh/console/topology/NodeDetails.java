package io.scalemesh.console.topology;

import io.scalemesh.console.mesh.ScaleSetSummary;
import io.scalemesh.console.mesh.Timestamps;
import io.scalemesh.model.console.v1.Instance;
import io.scalemesh.model.console.v1.Proxy;
import io.scalemesh.model.console.v1.ScaleSet;
import java.time.Instant;
import java.util.Locale;
import java.util.TreeMap;

/** The text the details pane shows for a selected node. */
final class NodeDetails {
  private NodeDetails() {}

  static String describe(TopologyNode node) {
    String state = "State: " + node.state().name().toLowerCase(Locale.ROOT) + "\n";
    return switch (node.source()) {
      case Instance instance -> instance(instance, node) + state;
      case Proxy proxy -> proxy(proxy) + state;
      case ScaleSet scaleSet -> scaleSet(scaleSet) + state;
      default -> node.label() + "\n" + state;
    };
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
        """
        .formatted(
            instance.getName(),
            orNone(instance.getInstanceId()),
            node.cluster(),
            orNone(instance.getPrivateIp()),
            instance.getPort(),
            orNone(instance.getPublicIp()),
            orNone(instance.getZone()),
            NodeState.of(instance.getEndpointStatus()).name().toLowerCase(Locale.ROOT),
            time(since),
            orNone(instance.getProvisioningState()),
            orNone(instance.getPowerState()),
            orNone(instance.getHealthState()),
            instance.getCpuPercent());
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
