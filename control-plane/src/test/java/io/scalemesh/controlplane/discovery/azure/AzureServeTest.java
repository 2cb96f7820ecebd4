package io.scalemesh.controlplane.discovery.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.scalemesh.controlplane.fixtures.AdsSubscriber;
import io.scalemesh.controlplane.fixtures.FreePorts;
import io.scalemesh.controlplane.fixtures.TestHttp;
import io.scalemesh.controlplane.fixtures.azure.ResourceManagerStub;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `scalemesh serve`, started as a user would (its own JVM, a config file, a managed identity from
 * the environment, TLS trust from the JVM's settings), discovers a scale set from the local
 * Resource Manager and serves it over xDS and /api/vms.
 */
class AzureServeTest {
  @TempDir Path dir;

  private ResourceManagerStub azure;
  private Process serve;

  @AfterEach
  void stop() throws InterruptedException {
    if (serve != null) {
      serve.destroy();
      if (!serve.waitFor(10, TimeUnit.SECONDS)) {
        serve.destroyForcibly();
      }
    }
    azure.close();
  }

  @Test
  void serveDiscoversTheScaleSetAndServesItOverXdsAndRest() throws Exception {
    azure = new ResourceManagerStub();
    azure.scaleSet("web", false, 3);
    int xdsPort = FreePorts.one();
    int apiPort = FreePorts.one();
    Path config =
        Files.writeString(
            dir.resolve("scalemesh.yaml"),
            """
        xds: {address: 127.0.0.1, port: %d}
        api: {address: 127.0.0.1, port: %d}
        console_api: {port: %d, audit_log: %s}
        azure:
          cloud: custom
          resource_manager_endpoint: %s
          authority: %s
          subscription_id: %s
        services:
          - name: web
            protocol: http
            discovery: {kind: azure-vmss, resource_group: rg-mesh, scale_set: web, port: 80}
        """
                .formatted(
                    xdsPort,
                    apiPort,
                    FreePorts.one(),
                    dir.resolve("audit.jsonl"),
                    azure.endpoint(),
                    azure.endpoint(),
                    ResourceManagerStub.SUBSCRIPTION));
    ProcessBuilder command =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-Djavax.net.ssl.trustStore=" + System.getProperty("javax.net.ssl.trustStore"),
                    "-Djavax.net.ssl.trustStorePassword="
                        + System.getProperty("javax.net.ssl.trustStorePassword"),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.scalemesh.controlplane.cli.Main",
                    "serve",
                    "--config",
                    config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("serve.log").toFile());
    // How App Service and Azure Arc hand a managed identity to a process.
    command.environment().put("IDENTITY_ENDPOINT", azure.identityEndpoint().toString());
    command.environment().put("IDENTITY_HEADER", ResourceManagerStub.IDENTITY_HEADER);
    serve = command.start();

    // Ready once the first complete discovery is published; the xDS port listens from then on too.
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                TestHttp.get(URI.create("http://127.0.0.1:" + apiPort + "/readyz")).statusCode()
                    == 200);
    try (AdsSubscriber xds = AdsSubscriber.endpointsOf(xdsPort, "web")) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(xds.endpoints())
                      .as(log())
                      .isEqualTo(
                          Map.of(
                              "10.0.1.4:80",
                              HealthStatus.HEALTHY,
                              "10.0.1.5:80",
                              HealthStatus.HEALTHY,
                              "10.0.1.6:80",
                              HealthStatus.HEALTHY)));
    }
    JsonNode vms =
        new ObjectMapper()
            .readTree(TestHttp.get(URI.create("http://127.0.0.1:" + apiPort + "/api/vms")).body());
    assertThat(vms.get("total_vms").asInt()).isEqualTo(3);
    assertThat(vms.get("vms").get(0).get("name").asText()).isEqualTo("web_0");
    assertThat(vms.get("vms").get(0).get("public_ip").asText()).isEqualTo("20.0.0.4");
    assertThat(azure.identityRequests()).isNotEmpty();
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("serve.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }
}
