package io.scalemesh.controlplane.discovery.azure;

import static io.envoyproxy.envoy.config.core.v3.HealthStatus.DRAINING;
import static io.envoyproxy.envoy.config.core.v3.HealthStatus.HEALTHY;
import static io.envoyproxy.envoy.config.core.v3.HealthStatus.UNHEALTHY;
import static io.scalemesh.controlplane.fixtures.TestTokens.bearer;
import static io.scalemesh.controlplane.fixtures.TestTokens.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import io.grpc.ManagedChannel;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.config.AzureConfig;
import io.scalemesh.controlplane.config.DiscoveryConfig.AzureVmTagsDiscovery;
import io.scalemesh.controlplane.config.DiscoveryConfig.AzureVmssDiscovery;
import io.scalemesh.controlplane.config.ScalemeshConfig;
import io.scalemesh.controlplane.config.ServiceConfig;
import io.scalemesh.controlplane.discovery.ServiceCapabilities;
import io.scalemesh.controlplane.fixtures.AdsSubscriber;
import io.scalemesh.controlplane.fixtures.ColdStartPatience;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestChannels;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.time.ScaledClock;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.ScaleRequest;
import io.scalemesh.model.console.v1.ScaleResponse;
import io.scalemesh.model.console.v1.ScaleSet;
import io.scalemesh.model.console.v1.WatchRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * The Azure sources through the real Azure SDK, against a local HTTPS server speaking Resource
 * Manager's REST shapes, in a running control plane: what Resource Manager lists is what xDS
 * serves.
 */
@ExtendWith(ColdStartPatience.class)
class AzureDiscoveryTest {
  static final TokenCredential CREDENTIAL =
      request ->
          Mono.just(new AccessToken(ResourceManagerStub.TOKEN, OffsetDateTime.now().plusHours(1)));

  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private ResourceManagerStub azure;
  private AzureSession session;
  private ControlPlane plane;
  private AdsSubscriber xds;

  @BeforeEach
  void startAzure() throws Exception {
    azure = teardown.add(new ResourceManagerStub());
    session = AzureSession.connect(config(azure.endpoint()), CREDENTIAL, status -> {});
  }

  /**
   * The azure-vmss capabilities of {@code config}'s first service, reading the stub as {@link
   * #CREDENTIAL}.
   */
  static ServiceCapabilities firstVmss(ScalemeshConfig config) {
    ServiceConfig service = config.services().getFirst();
    return AzureVmss.capabilities(
        service.name(),
        (AzureVmssDiscovery) service.discovery(),
        AzureSession.connect(config.azure(), CREDENTIAL, status -> {}),
        service.autoscale().policy(),
        Clock.systemUTC());
  }

  static AzureConfig config(URI endpoint) {
    return new AzureConfig(
        "custom", endpoint, endpoint, null, ResourceManagerStub.SUBSCRIPTION, null, null);
  }

  @Test
  void aUniformScaleSetIsReadPageByPageAndJoinedWithItsInterfacesAndPublicIps() {
    FakeScaleSet web = azure.scaleSet("web", false, 5);
    web.vm(2).state("Succeeded", "running", "unhealthy");
    web.vm(3).state("Creating", "starting", "initializing");
    web.vm(4).state("Deleting", "running", "healthy");
    startVmss("web");

    await()
        .untilAsserted(
            () ->
                assertThat(xds.endpoints())
                    .isEqualTo(
                        Map.of(
                            "10.0.1.4:80",
                            HEALTHY,
                            "10.0.1.5:80",
                            HEALTHY,
                            "10.0.1.6:80",
                            UNHEALTHY,
                            "10.0.1.7:80",
                            UNHEALTHY,
                            "10.0.1.8:80",
                            DRAINING)));
    Instance first = published("web_0");
    assertThat(first.publicIp()).isEqualTo("20.0.0.4");
    assertThat(first.zone()).isEqualTo("1");
    assertThat(first.instanceId()).isEqualTo("0");
    assertThat(first.powerState()).isEqualTo("running");
    assertThat(first.healthState()).isEqualTo("healthy");
    assertThat(first.labels())
        .containsEntry("azure.fault_domain", "0")
        .containsEntry("azure.tag.role", "backend");
    assertThat(published("web_1").publicIp()).isEmpty();
    assertThat(azure.requests()).anySatisfy(r -> assertThat(r.query()).containsKey("$skiptoken"));
  }

  @Test
  void aFlexibleScaleSetIsReadFromItsResourceGroupsVmsAndInterfaces() {
    azure.scaleSet("api", true, 3);
    azure.standaloneVm("jumpbox", "10.0.9.9", Map.of());
    startVmss("api");

    await()
        .untilAsserted(
            () ->
                assertThat(xds.endpoints())
                    .isEqualTo(
                        Map.of(
                            "10.0.1.4:80",
                            HEALTHY,
                            "10.0.1.5:80",
                            HEALTHY,
                            "10.0.1.6:80",
                            HEALTHY)));
    assertThat(published("api_a000").publicIp()).isEqualTo("20.0.0.4");
    assertThat(azure.requests())
        .anySatisfy(
            r -> assertThat(r.query().get("$filter")).contains("virtualMachineScaleSet/id"));
  }

  @Test
  void standaloneVmsAreSelectedByTag() {
    azure.standaloneVm("web-a", "10.0.2.1", Map.of("role", "web"));
    azure.standaloneVm("web-b", "10.0.2.2", Map.of("role", "web", "team", "edge"));
    azure.standaloneVm("db", "10.0.2.3", Map.of("role", "db"));
    ScalemeshConfig config =
        yaml("{kind: azure-vm-tags, tag: role=web, resource_group: rg-mesh, port: 8080}");
    start(
        config,
        AzureVmTags.capabilities(
            "web",
            (AzureVmTagsDiscovery) config.services().getFirst().discovery(),
            session,
            Clock.systemUTC()));

    await()
        .untilAsserted(
            () ->
                assertThat(xds.endpoints())
                    .isEqualTo(Map.of("10.0.2.1:8080", HEALTHY, "10.0.2.2:8080", HEALTHY)));
    assertThat(published("web-b").labels()).containsEntry("azure.tag.team", "edge");
  }

  @Test
  void cpuComesFromAzureMonitorAndTheAutoscaleSettingFromAzureMonitorAutoscale() throws Exception {
    FakeScaleSet web = azure.scaleSet("web", false, 2);
    web.cpu("web_0", 80);
    web.cpu("web_1", 40);
    web.autoscale(true, 2, 10, 3, 75, 25);
    ServiceCapabilities started = startVmss("web");
    await().until(() -> plane.publisher().current().isPresent());

    var sample = started.cpu().orElseThrow().sample(Instant.now());
    assertThat(sample.perInstance()).isEqualTo(Map.of("web_0", 80.0, "web_1", 40.0));
    assertThat(sample.average()).isEqualTo(60.0);
    assertThat(azure.requests())
        .filteredOn(r -> r.path().toLowerCase().endsWith("/metrics"))
        .first()
        .satisfies(
            r -> {
              assertThat(r.query())
                  .containsEntry("metricnames", "Percentage CPU")
                  .containsEntry("interval", "PT1M")
                  .containsEntry("aggregation", "Average")
                  .containsEntry("$filter", "VMName eq '*'");
            });

    ScaleSet shown = watchFirst("viewer-token");
    assertThat(shown.getAutoscale().getEnabled()).isTrue();
    assertThat(shown.getAutoscale().getScaleOutCpuPercent()).isEqualTo(75);
    assertThat(shown.getAutoscale().getScaleInCpuPercent()).isEqualTo(25);
    assertThat(shown.getBounds().getMinimum()).isEqualTo(2);
    assertThat(shown.getBounds().getMaximum()).isEqualTo(10);
  }

  @Test
  void withoutAnAutoscaleSettingTheStateSaysSo() throws Exception {
    azure.scaleSet("web", false, 2);
    startVmss("web");
    await().until(() -> plane.publisher().current().isPresent());

    assertThat(watchFirst("viewer-token").getAutoscale().getEnabled()).isFalse();
  }

  @Test
  void anOperatorsScalePatchesSkuCapacityAndFollowsTheLongRunningOperation() throws Exception {
    FakeScaleSet web = azure.scaleSet("web", false, 2);
    web.autoscale(true, 2, 4, 2, 75, 25);
    startVmss("web");
    await().untilAsserted(() -> assertThat(xds.endpoints()).hasSize(2));
    await().until(() -> watchFirst("viewer-token").getAutoscale().getEnabled());

    ScaleResponse response =
        console("operator-token")
            .scale(
                ScaleRequest.newBuilder()
                    .setScaleSet("web")
                    .setScaleOutBy(1)
                    .setReason("more room")
                    .setIdempotencyKey("az-1")
                    .build());

    assertThat(response.getPreviousCapacity()).isEqualTo(2);
    assertThat(response.getNewCapacity()).isEqualTo(3);
    assertThat(response.getWarningsList())
        .anySatisfy(w -> assertThat(w).containsIgnoringCase("autoscale"));
    assertThat(azure.requests())
        .filteredOn(r -> r.method().equals("PATCH"))
        .singleElement()
        .satisfies(r -> assertThat(r.body()).contains("\"capacity\":3"));
    // The operation is polled until it succeeds; the new instance boots, then serves.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(azure.requests())
                    .filteredOn(r -> r.path().startsWith("/operations/"))
                    .hasSizeGreaterThanOrEqualTo(2));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(xds.endpoints()).hasSize(3).containsEntry("10.0.1.6:80", HEALTHY));

    // Beyond Azure's maximum of 4: refused, nothing sent.
    assertThat(
            catchThrowable(
                () ->
                    console("operator-token")
                        .scale(
                            ScaleRequest.newBuilder()
                                .setScaleSet("web")
                                .setSetCapacity(9)
                                .setReason("too many")
                                .build())))
        .hasMessageContaining("FAILED_PRECONDITION");
    assertThat(azure.requests()).filteredOn(r -> r.method().equals("PATCH")).hasSize(1);
  }

  @Test
  void aRefusedPatchIsUnavailableAndAuditedAndChangesNothing() throws Exception {
    azure.scaleSet("web", false, 2);
    startVmss("web");
    await().untilAsserted(() -> assertThat(xds.endpoints()).hasSize(2));
    azure.inject(ResourceManagerStub.Fault.REFUSE_PATCH, 1);

    assertThat(
            catchThrowable(
                () ->
                    console("operator-token")
                        .scale(
                            ScaleRequest.newBuilder()
                                .setScaleSet("web")
                                .setScaleOutBy(1)
                                .setReason("refused")
                                .build())))
        .hasMessageContaining("UNAVAILABLE")
        .hasMessageContaining("409");
    assertThat(Files.readString(TestConfigs.auditLog(dir)))
        .contains("\"reason\":\"refused\"")
        .contains("\"reason\":\"unavailable\"");
    assertThat(watchFirst("viewer-token").getCapacity()).isEqualTo(2);
  }

  @Test
  void scalemeshsOwnAutoscalerOnlySamplesAnAzureScaleSetAndNeverScalesIt() throws Exception {
    FakeScaleSet web = azure.scaleSet("web", false, 2);
    web.cpu("web_0", 95);
    web.cpu("web_1", 95);
    // At 60x a grain is a second and the 5-minute window five: an autoscaler applying its rules
    // to this CPU would have scaled out well within the wait below.
    ScalemeshConfig config =
        yaml("{kind: azure-vmss, resource_group: rg-mesh, scale_set: web, port: 80}");
    plane =
        teardown.add(
            ControlPlane.startWith(
                config,
                List.of(
                    AzureVmss.capabilities(
                        "web",
                        (AzureVmssDiscovery) config.services().getFirst().discovery(),
                        session,
                        config.services().getFirst().autoscale().policy(),
                        Clock.systemUTC())),
                new ScaledClock(Clock.systemUTC(), 60)));
    assertThat(config.services().getFirst().autoscale().policy().enabled()).isTrue();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                azure.requests().stream()
                        .filter(r -> r.path().toLowerCase().endsWith("/metrics"))
                        .count()
                    >= 10);
    assertThat(azure.requests()).noneMatch(r -> r.method().equals("PATCH"));
  }

  private ServiceCapabilities startVmss(String name) {
    ScalemeshConfig config =
        yaml(
            "{kind: azure-vmss, resource_group: rg-mesh, scale_set: "
                + name
                + ", port: 80, refresh_seconds: 1}");
    ServiceCapabilities web =
        AzureVmss.capabilities(
            "web",
            (AzureVmssDiscovery) config.services().getFirst().discovery(),
            session,
            config.services().getFirst().autoscale().policy(),
            Clock.systemUTC());
    start(config, web);
    return web;
  }

  private ScalemeshConfig yaml(String discovery) {
    return TestConfigs.fromYaml(
        dir,
        """
        azure: {cloud: custom, resource_manager_endpoint: '%s', authority: '%s', subscription_id: %s}
        console_api:
          tokens:
            - {identity: ops, role: operator, sha256: %s}
            - {identity: watcher, role: viewer, sha256: %s}
        services:
          - name: web
            protocol: http
            discovery: %s
            autoscale: {minimum: 1, maximum: 6}
        """
            .formatted(
                azure.endpoint(),
                azure.endpoint(),
                ResourceManagerStub.SUBSCRIPTION,
                sha("operator-token"),
                sha("viewer-token"),
                discovery));
  }

  private void start(ScalemeshConfig config, ServiceCapabilities web) {
    plane = teardown.add(ControlPlane.startWith(config, List.of(web), Clock.systemUTC()));
    xds = teardown.add(AdsSubscriber.endpointsOf(plane.xdsPort(), "web"));
  }

  private Instance published(String name) {
    return plane
        .publisher()
        .current()
        .orElseThrow()
        .state()
        .services()
        .getFirst()
        .instances()
        .stream()
        .filter(i -> i.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private ScaleSet watchFirst(String token) throws InterruptedException {
    ManagedChannel channel = TestChannels.plaintext(plane.consoleApiPort());
    try {
      return ConsoleGrpc.newBlockingStub(channel)
          .withCallCredentials(bearer(token))
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .watch(WatchRequest.getDefaultInstance())
          .next()
          .getStatus()
          .getScaleSets(0);
    } finally {
      TestChannels.close(channel);
    }
  }

  private ConsoleGrpc.ConsoleBlockingStub console(String token) {
    return ConsoleGrpc.newBlockingStub(teardown.plaintextChannel(plane.consoleApiPort()))
        .withCallCredentials(bearer(token))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }
}
