package io.scalemesh.controlplane.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalemesh.controlplane.mesh.BackendProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void withNothingGivenItIsTheDemo() {
    ScalemeshConfig config = ConfigLoader.load(Optional.empty(), Map.of());

    assertThat(config.xds().listen())
        .isEqualTo(new ScalemeshConfig.Listen("127.0.0.1", 18000, null));
    assertThat(config.api()).isEqualTo(new ScalemeshConfig.Listen("127.0.0.1", 8081, null));
    assertThat(config.services())
        .singleElement()
        .satisfies(
            service -> {
              assertThat(service.name()).isEqualTo("backend");
              assertThat(service.discovery())
                  .isEqualTo(
                      new DiscoveryConfig.SimulatedDiscovery(
                          3, 3.0, 3.0, "127.0.0.1", 100.0, Map.of()));
            });
  }

  @Test
  void aFileOverridesDefaultsKeyByKeyAndOverridesOverrideTheFile() throws Exception {
    Path file = dir.resolve("scalemesh.yaml");
    Files.writeString(
        file,
        """
        xds:
          port: 19000
        api:
          address: 0.0.0.0
          port: 9000
        services:
          - name: web
            protocol: HTTP
            health_check_path: /ready
            discovery: {kind: simulated, capacity: 5, boot_seconds: 0.5}
        """);

    ScalemeshConfig config = ConfigLoader.load(Optional.of(file), Map.of("api.port", "9100"));

    assertThat(config.xds().listen())
        .isEqualTo(new ScalemeshConfig.Listen("127.0.0.1", 19000, null));
    assertThat(config.api()).isEqualTo(new ScalemeshConfig.Listen("0.0.0.0", 9100, null));
    assertThat(config.services())
        .singleElement()
        .satisfies(
            service -> {
              assertThat(service.protocol()).isEqualTo(BackendProtocol.HTTP);
              assertThat(service.healthCheckPath()).isEqualTo("/ready");
              assertThat(service.discovery())
                  .isEqualTo(
                      new DiscoveryConfig.SimulatedDiscovery(
                          5, 0.5, 3.0, "127.0.0.1", 100.0, Map.of()));
            });
  }

  @Test
  void anEmptyFileMeansTheDefaults() throws Exception {
    Path file = Files.writeString(dir.resolve("empty.yaml"), "");
    assertThat(ConfigLoader.load(Optional.of(file), Map.of()))
        .isEqualTo(ConfigLoader.load(Optional.empty(), Map.of()));
  }

  @Test
  void serviceNamesAreUnique() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("twice.yaml"),
            """
        services:
          - {name: web, discovery: {kind: simulated}}
          - {name: web, discovery: {kind: simulated}}
        """);
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("services: the name 'web' is used twice");
  }

  @Test
  void aScaleSetIsNeverReadMoreSlowlyWhileItChangesThanAtRest() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("pace.yaml"),
            """
        azure: {subscription_id: 00000000-0000-0000-0000-000000000000}
        services:
          - name: web
            discovery: {kind: azure-vmss, resource_group: rg, scale_set: web, port: 80, refresh_seconds: 10, transition_refresh_seconds: 20}
        """);
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "transition_refresh_seconds must be 1 or more and at most refresh_seconds (10), got 20");
  }

  @Test
  void everyServiceEntryStartsFromTheTemplatesAndOverridesWhatItGives() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("services.yaml"),
            """
        azure: {subscription_id: 00000000-0000-0000-0000-000000000000}
        services:
          - {name: sim, discovery: {kind: simulated, capacity: 5}, autoscale: {maximum: 4}}
          - {name: vmss, protocol: http, discovery: {kind: azure-vmss, resource_group: rg, scale_set: web, port: 80}}
          - {name: tagged, discovery: {kind: azure-vm-tags, tag: role=web, port: 80, refresh_seconds: 30}}
        """);
    ScalemeshConfig config = ConfigLoader.load(Optional.of(file), Map.of());
    ServiceConfig builtIn = ConfigLoader.load(Optional.empty(), Map.of()).services().getFirst();

    assertThat(config.services())
        .allSatisfy(
            service -> {
              assertThat(service.healthCheckPath()).isEqualTo(builtIn.healthCheckPath());
              assertThat(service.autoscale().minimum()).isEqualTo(builtIn.autoscale().minimum());
              assertThat(service.autoscale().enabled())
                  .as("on unless a service says otherwise")
                  .isTrue();
            });
    assertThat(config.services())
        .extracting(ServiceConfig::protocol)
        .containsExactly(BackendProtocol.GRPC, BackendProtocol.HTTP, BackendProtocol.GRPC);
    assertThat(config.services().get(0).autoscale().maximum()).isEqualTo(4);
    assertThat(config.services().get(1).autoscale().maximum())
        .isEqualTo(builtIn.autoscale().maximum());
    assertThat(config.services().get(0).discovery())
        .isEqualTo(
            new DiscoveryConfig.SimulatedDiscovery(5, 3.0, 3.0, "127.0.0.1", 100.0, Map.of()));
    assertThat(config.services().get(1).discovery())
        .isEqualTo(new DiscoveryConfig.AzureVmssDiscovery("rg", "web", 80, 15, 2));
    assertThat(config.services().get(2).discovery())
        .isEqualTo(new DiscoveryConfig.AzureVmTagsDiscovery("role=web", null, 80, 30));
  }

  @Test
  void azureChangeEventsAreOffUnlessAQueueIsGiven() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("events.yaml"),
            """
        azure:
          subscription_id: 00000000-0000-0000-0000-000000000000
          change_events: {queue: 'http://127.0.0.1:10001/devstoreaccount1/scale-events', connection_string_file: /etc/scalemesh/queue}
        services:
          - {name: web, discovery: {kind: azure-vmss, resource_group: rg, scale_set: web, port: 80}}
        """);

    AzureConfig.ChangeEvents events =
        ConfigLoader.load(Optional.of(file), Map.of()).azure().changeEvents();

    assertThat(events.queueName()).isEqualTo("scale-events");
    assertThat(events.connectionStringFile()).isEqualTo(Path.of("/etc/scalemesh/queue"));
    assertThat(ConfigLoader.load(Optional.empty(), Map.of()).azure().changeEvents()).isNull();
  }

  @Test
  void theBuiltInServiceAloneHasAutoscaleOff() {
    ServiceConfig builtIn = ConfigLoader.load(Optional.empty(), Map.of()).services().getFirst();
    assertThat(builtIn.autoscale().enabled()).isFalse();
    assertThat(builtIn.discovery())
        .isEqualTo(
            new DiscoveryConfig.SimulatedDiscovery(3, 3.0, 3.0, "127.0.0.1", 100.0, Map.of()));
  }

  @Test
  void aKeyLeftEmptyKeepsItsDefault() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("empty-values.yaml"),
            """
        xds: {port: }
        guard:
        consul: ~
        services:
          - name: web
            protocol:
            discovery: {kind: simulated, capacity: }
            autoscale:
        """);
    ScalemeshConfig defaults = ConfigLoader.load(Optional.empty(), Map.of());
    ScalemeshConfig config = ConfigLoader.load(Optional.of(file), Map.of());

    assertThat(config.xds()).isEqualTo(defaults.xds());
    assertThat(config.guard()).isEqualTo(defaults.guard());
    assertThat(config.consul()).isEqualTo(defaults.consul());
    assertThat(config.services().getFirst().protocol()).isEqualTo(BackendProtocol.GRPC);
    assertThat(config.services().getFirst().discovery())
        .isEqualTo(defaults.services().getFirst().discovery());
    assertThat(config.services().getFirst().autoscale().enabled()).isTrue();
  }

  @Test
  void anEmptyServicesListIsAnErrorNotTheDemosSimulatedBackend() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("no-services.yaml"),
            """
        xds: {port: 18000}
        services:
        """);

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("services: is empty");
  }

  @Test
  void theConsoleApiListensInTheSameShapeAsXds() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("console.yaml"),
            """
        console_api:
          address: 0.0.0.0
          port: 19090
          tls: {certificate: cert.pem, private_key: key.pem}
        """);
    ConsoleApiConfig consoleApi = ConfigLoader.load(Optional.of(file), Map.of()).consoleApi();

    assertThat(consoleApi.listen())
        .isEqualTo(
            new ScalemeshConfig.Listen(
                "0.0.0.0",
                19090,
                new ScalemeshConfig.ServerTls(Path.of("cert.pem"), Path.of("key.pem"), null)));
    assertThat(consoleApi.tokens()).isEmpty();
  }

  @Test
  void signInIsOffByDefaultAndAnEntraTenantGivesBothIssuersAndItsKeys() throws Exception {
    assertThat(ConfigLoader.load(Optional.empty(), Map.of()).consoleApi().oidc().enabled())
        .isFalse();
    Path file =
        Files.writeString(
            dir.resolve("entra.yaml"),
            """
        console_api:
          oidc: {tenant: 72f988bf-0000-4000-8000-2d7cd011db47, audiences: [api://scalemesh]}
        """);
    OidcConfig oidc = ConfigLoader.load(Optional.of(file), Map.of()).consoleApi().oidc();

    assertThat(oidc.issuers())
        .containsExactly(
            "https://login.microsoftonline.com/72f988bf-0000-4000-8000-2d7cd011db47/v2.0",
            "https://sts.windows.net/72f988bf-0000-4000-8000-2d7cd011db47/");
    assertThat(oidc.jwksUri())
        .hasToString(
            "https://login.microsoftonline.com/72f988bf-0000-4000-8000-2d7cd011db47/discovery/v2.0/keys");
    assertThat(oidc.roles())
        .isEqualTo(new OidcConfig.Roles("Scalemesh.Viewer", "Scalemesh.Operator"));
    assertThat(oidc.algorithms()).containsExactly("RS256");
  }

  @Test
  void signInRefusesHmacNoneAPlainKeyEndpointAndNoAudience() throws Exception {
    for (String[] bad :
        new String[][] {
          {"{tenant: t1, audiences: [a], algorithms: [HS256]}", "'HS256' is not accepted"},
          {"{tenant: t1, audiences: [a], algorithms: [none]}", "'none' is not accepted"},
          {
            "{issuers: [https://idp.example], jwks_uri: http://idp.example/keys, audiences: [a]}",
            "must be https"
          },
          {"{tenant: t1}", "oidc.audiences must name the API"},
        }) {
      Path file = Files.writeString(dir.resolve("bad.yaml"), "console_api:\n  oidc: " + bad[0]);
      assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(bad[1]);
    }
  }

  @Test
  void theBuiltInDefaultsByKeyAreTheSettingsNotTheTemplates() {
    Map<String, String> defaults = ConfigLoader.builtInDefaults();
    ScalemeshConfig config = ConfigLoader.load(Optional.empty(), Map.of());

    assertThat(defaults)
        .containsEntry("xds.port", String.valueOf(config.xds().port()))
        .containsEntry("console_api.address", config.consoleApi().listen().address());
    assertThat(defaults.keySet())
        .noneMatch(key -> key.startsWith("every_") || key.startsWith("services"));
  }
}
