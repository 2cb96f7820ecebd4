package io.scalemesh.controlplane.discovery.consul;

import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Consul health entries as mesh instances. */
final class ConsulInstances {
  private static final String SERVICE_MAINTENANCE = "_service_maintenance:";
  private static final String NODE_MAINTENANCE = "_node_maintenance";
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private ConsulInstances() {}

  /**
   * Every entry as an instance. An entry that cannot be routed to (no address or port) fails the
   * whole answer: dropping it would remove an instance because of bad data, not because it is gone.
   */
  static List<Instance> of(List<HealthEntry> entries) throws ConsulException {
    List<Instance> instances = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (HealthEntry entry : entries) {
      Instance instance = of(entry);
      if (!names.add(instance.name())) {
        throw new ConsulException("Consul lists the instance " + instance.name() + " twice");
      }
      instances.add(instance);
    }
    return instances;
  }

  private static Instance of(HealthEntry entry) throws ConsulException {
    if (entry == null
        || entry.node() == null
        || entry.service() == null
        || blank(entry.service().id())
        || blank(entry.node().node())) {
      throw new ConsulException(
          "Consul returned a health entry without its node or service: " + entry);
    }
    HealthEntry.Node node = entry.node();
    HealthEntry.Service service = entry.service();
    String name =
        service.id().equals(service.service()) ? node.node() : node.node() + "/" + service.id();
    String address = blank(service.address()) ? node.address() : service.address();
    if (!isIpLiteral(address) || service.port() < 1 || service.port() > 65_535) {
      // A host name would reach EDS as a socket address, which Envoy rejects, and a rejected update
      // holds back every service's endpoints.
      throw new ConsulException(
          "the Consul instance "
              + name
              + " has no usable IP address and port ("
              + address
              + ":"
              + service.port()
              + ")");
    }
    String health = health(entry);
    return new Instance(
            name,
            service.id(),
            address,
            publicAddress(node, address),
            service.port(),
            zone(node, service),
            state(health),
            "",
            "",
            health)
        .withLabels(labels(node, service));
  }

  /**
   * The worst of the instance's own checks and its node's: maintenance, critical, warning or
   * passing. Warning routes like passing, as Consul's own DNS interface does by default.
   */
  private static String health(HealthEntry entry) {
    boolean critical = false;
    boolean warning = false;
    for (HealthEntry.Check check :
        entry.checks() == null ? List.<HealthEntry.Check>of() : entry.checks()) {
      if (check == null
          || !(blank(check.serviceId()) || check.serviceId().equals(entry.service().id()))) {
        continue;
      }
      String id = Objects.requireNonNullElse(check.checkId(), "");
      if (id.equals(NODE_MAINTENANCE) || id.startsWith(SERVICE_MAINTENANCE)) {
        // Maintenance wins over any check: it is an operator draining the instance on purpose.
        return "maintenance";
      }
      String status = Objects.requireNonNullElse(check.status(), "critical");
      critical |= status.equals("critical");
      warning |= status.equals("warning");
    }
    return critical ? "critical" : warning ? "warning" : "passing";
  }

  private static InstanceState state(String health) {
    return switch (health) {
      case "maintenance" -> InstanceState.DRAINING;
      case "critical" -> InstanceState.UNHEALTHY;
      default -> InstanceState.READY;
    };
  }

  private static String publicAddress(HealthEntry.Node node, String privateAddress) {
    String wan = node.taggedAddresses() == null ? null : node.taggedAddresses().get("wan");
    return blank(wan) || wan.equals(privateAddress) ? "" : wan;
  }

  /** Consul has no zones; agents on Azure VMs commonly carry one in service or node meta. */
  private static String zone(HealthEntry.Node node, HealthEntry.Service service) {
    return Stream.of(service.meta(), node.meta())
        .filter(Objects::nonNull)
        .map(meta -> meta.get("zone"))
        .filter(zone -> !blank(zone))
        .findFirst()
        .orElse("");
  }

  private static Map<String, String> labels(HealthEntry.Node node, HealthEntry.Service service) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("consul.node", node.node());
    if (!blank(node.datacenter())) {
      labels.put("consul.datacenter", node.datacenter());
    }
    if (service.tags() != null && !service.tags().isEmpty()) {
      labels.put("consul.tags", String.join(",", service.tags()));
    }
    copy(node.meta(), "consul.node_meta.", labels);
    copy(service.meta(), "consul.meta.", labels);
    return labels;
  }

  private static void copy(Map<String, String> from, String prefix, Map<String, String> to) {
    if (from != null) {
      from.forEach((key, value) -> to.put(prefix + key, Objects.requireNonNullElse(value, "")));
    }
  }

  /** An IPv4 or IPv6 literal, decided without a DNS lookup. */
  private static boolean isIpLiteral(String address) {
    if (blank(address) || !(IPV4.matcher(address).matches() || address.contains(":"))) {
      return false;
    }
    try {
      InetAddress.getByName(address); // a literal is parsed, never looked up
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
