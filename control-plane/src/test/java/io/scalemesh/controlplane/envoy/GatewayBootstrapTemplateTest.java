package io.scalemesh.controlplane.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap the gateway's cloud-init writes (rendered by Terraform from
 * cloud-init/envoy-gateway/envoy-bootstrap.yaml.tftpl) is byte for byte what
 * {@code scalemesh envoy-bootstrap --xds-address HOST:PORT} prints with its defaults.
 */
class GatewayBootstrapTemplateTest {
  private static final Path TEMPLATE = Path.of("..", "cloud-init", "envoy-gateway", "envoy-bootstrap.yaml.tftpl");

  @Test
  void theGatewayTemplateRendersToTheCommandsBootstrap() throws Exception {
    String template = Files.readString(TEMPLATE);

    // templatefile() with the only two variables the template may use.
    String rendered = template.replace("${xds_host}", "10.0.2.4").replace("${xds_port}", "18000");

    assertThat(rendered).as("the template uses only ${xds_host} and ${xds_port}").doesNotContain("${", "%{");
    assertThat(rendered).isEqualTo(
        EnvoyBootstrap.yaml(EnvoyBootstrap.of("10.0.2.4", 18000, "envoy-gateway", "scalemesh-gateway", 9901)));
  }
}
