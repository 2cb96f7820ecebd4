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
        Instance %s (%s) in %s
        Private IP: %s  Public IP: %s  Port: %d
        Zone: %s
        Endpoint: %s
        Provisioning: %s  Power: %s  Health: %s
        CPU: %.1f %%
        Since: %s
        """
        .formatted(
            instance.getName(),
            instance.getInstanceId(),
            node.cluster(),
            orNone(instance.getPrivateIp()),
            orNone(instance.getPublicIp()),
            instance.getPort(),
            orNone(instance.getZone()),
            NodeState.of(instance.getEndpointStatus()).name().toLowerCase(Locale.ROOT),
            orNone(instance.getProvisioningState()),
            orNone(instance.getPowerState()),
            orNone(instance.getHealthState()),
            instance.getCpuPercent(),
            since);
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
            .append(Timestamps.toInstant(proxy.getConnectedSince()))
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

  private static String orNone(String value) {
    return value.isEmpty() ? "-" : value;
  }
}
