package io.scalemesh.controlplane.discovery.consul;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * One element of {@code GET /v1/health/service/:service}: a service instance, the node it runs on,
 * and the checks of both. Only the fields Scalemesh reads; Consul's PascalCase names are matched
 * case-insensitively.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record HealthEntry(Node node, Service service, List<Check> checks) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Node(
      String node,
      String address,
      String datacenter,
      Map<String, String> taggedAddresses,
      Map<String, String> meta) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Service(
      String id,
      String service,
      List<String> tags,
      String address,
      int port,
      Map<String, String> meta) {}

  /** A node check has an empty service id and applies to every service on the node. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Check(String checkId, String status, String serviceId) {}
}
