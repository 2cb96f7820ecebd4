package io.scalemesh.controlplane.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalemesh.controlplane.mesh.InstanceState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsulInstancesTest {

  @ParameterizedTest(name = "checks {0}: {1}")
  @CsvSource({
    "passing,                             READY",
    "passing warning,                     READY",
    "warning critical,                    UNHEALTHY",
    "critical maintenance,                DRAINING", // maintenance wins, whatever the order
    "maintenance critical,                DRAINING",
    "passing node-critical,               UNHEALTHY", // a node check applies to its services
    "passing other-service-critical,      READY", // another service's check does not
  })
  void theWorstCheckDecidesAndMaintenanceDrains(String checks, InstanceState state)
      throws Exception {
    List<HealthEntry.Check> list =
        Arrays.stream(checks.split(" ")).map(ConsulInstancesTest::check).toList();

    assertThat(ConsulInstances.of(List.of(entry("10.1.0.1", list))).getFirst().state())
        .isEqualTo(state);
  }

  @ParameterizedTest(name = "address {0}")
  @CsvSource({"web-1.node.consul", "10.1.0", "999.1.0.1"})
  void anAddressThatIsNotAnIpFailsTheWholeAnswer(String address) {
    assertThatThrownBy(
            () ->
                ConsulInstances.of(
                    List.of(entry("10.1.0.2", List.of()), entry(address, List.of()))))
        .isInstanceOf(ConsulException.class)
        .hasMessageContaining("no usable IP address");
  }

  @ParameterizedTest(name = "address {0}")
  @CsvSource({"10.1.0.7", "fd00::7"})
  void ipv4AndIpv6LiteralsAreAddresses(String address) throws Exception {
    assertThat(ConsulInstances.of(List.of(entry(address, List.of()))).getFirst().privateIp())
        .isEqualTo(address);
  }

  private static HealthEntry entry(String address, List<HealthEntry.Check> checks) {
    return new HealthEntry(
        new HealthEntry.Node("vm-" + address.hashCode(), "10.9.9.9", "dc1", Map.of(), Map.of()),
        new HealthEntry.Service(
            "web", "web", List.of(), address.isEmpty() ? "" : address, 8080, Map.of()),
        checks);
  }

  private static HealthEntry.Check check(String kind) {
    return switch (kind) {
      case "maintenance" -> new HealthEntry.Check("_service_maintenance:web", "critical", "web");
      case "node-critical" -> new HealthEntry.Check("serfHealth", "critical", "");
      case "other-service-critical" -> new HealthEntry.Check("service:db", "critical", "db");
      default -> new HealthEntry.Check("service:web", kind, "web");
    };
  }
}
