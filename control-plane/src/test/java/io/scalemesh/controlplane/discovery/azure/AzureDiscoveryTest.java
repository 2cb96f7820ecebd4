package io.scalemesh.controlplane.discovery.azure;

import static io.envoyproxy.envoy.config.core.v3.HealthStatus.DRAINING;
import static io.envoyproxy.envoy.config.core.v3.HealthStatus.HEALTHY;
import static io.envoyproxy.envoy.config.core.v3.HealthStatus.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.scalemesh.controlplane.discovery.ServiceCapabilities;
import io.scalemesh.controlplane.fixtures.ColdStartPatience;
import io.scalemesh.controlplane.fixtures.azure.FakeScaleSet;
import io.scalemesh.controlplane.fixtures.azure.ResourceManagerStub;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.time.ScaledClock;
import io.scalemesh.model.console.v1.ScaleProgress;
import io.scalemesh.model.console.v1.ScaleRequest;
import io.scalemesh.model.console.v1.ScaleResponse;
import io.scalemesh.model.console.v1.ScaleSet;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Azure sources through the real Azure SDK, against a local HTTPS server speaking Resource
 * Manager's REST shapes, in a running control plane: what Resource Manager lists is what xDS
 * serves.
 */
@ExtendWith(ColdStartPatience.class)
class AzureDiscoveryTest {
  @RegisterExtension final AzurePlane mesh = new AzurePlane();

  private ResourceManagerStub azure;

  @BeforeEach
  void useTheLocalResourceManager() {
    azure = mesh.azure();
  }

  @Test
  void aUniformScaleSetIsReadPageByPageAndJoinedWithItsInterfacesAndPublicIps() {
    FakeScaleSet web = azure.scaleSet("web", false, 5);
    web.vm(2).state("Succeeded", "running", "unhealthy");
    web.vm(3).state("Creating", "starting", "initializing");
    web.vm(4).state("Deleting", "running", "healthy");
    mesh.startVmss("web");

    await()
        .untilAsserted(
            () ->
                assertThat(mesh.xds().endpoints())
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
    Instance first = mesh.published("web_0");
    assertThat(first.publicIp()).isEqualTo("20.0.0.4");
    assertThat(first.zone()).isEqualTo("1");
    assertThat(first.instanceId()).isEqualTo("0");
    assertThat(first.powerState()).isEqualTo("running");
    assertThat(first.healthState()).isEqualTo("healthy");
    assertThat(first.labels())
        .containsEntry("azure.fault_domain", "0")
        .containsEntry("azure.tag.role", "backend")
        .containsEntry(
            Instance.AZURE_RESOURCE_ID,
            ResourceManagerStub.scaleSetId("web") + "/virtualMachines/0");
    assertThat(mesh.published("web_1").publicIp()).isEmpty();
    assertThat(azure.requests()).anySatisfy(r -> assertThat(r.query()).containsKey("$skiptoken"));
  }

  @Test
  void aFlexibleScaleSetIsReadFromItsResourceGroupsVmsAndInterfaces() {
    azure.scaleSet("api", true, 3);
    azure.standaloneVm("jumpbox", "10.0.9.9", Map.of());
    mesh.startVmss("api");

    await()
        .untilAsserted(
            () ->
                assertThat(mesh.xds().endpoints())
                    .isEqualTo(
                        Map.of(
                            "10.0.1.4:80",
                            HEALTHY,
                            "10.0.1.5:80",
                            HEALTHY,
                            "10.0.1.6:80",
                            HEALTHY)));
    assertThat(mesh.published("api_a000").publicIp()).isEqualTo("20.0.0.4");
    assertThat(azure.requests())
        .anySatisfy(
            r -> assertThat(r.query().get("$filter")).contains("virtualMachineScaleSet/id"));
  }

  @Test
  void cpuComesFromAzureMonitorAndTheAutoscaleSettingFromAzureMonitorAutoscale() throws Exception {
    FakeScaleSet web = azure.scaleSet("web", false, 2);
    web.cpu("web_0", 80);
    web.cpu("web_1", 40);
    web.autoscale(true, 2, 10, 3, 75, 25);
    ServiceCapabilities started = mesh.startVmss("web");
    await().until(() -> mesh.plane().publisher().current().isPresent());

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

    ScaleSet shown = mesh.watchFirst();
    assertThat(shown.getAutoscale().getEnabled()).isTrue();
    assertThat(shown.getAutoscale().getScaleOutCpuPercent()).isEqualTo(75);
    assertThat(shown.getAutoscale().getScaleInCpuPercent()).isEqualTo(25);
    assertThat(shown.getBounds().getMinimum()).isEqualTo(2);
    assertThat(shown.getBounds().getMaximum()).isEqualTo(10);
  }

  @Test
  void withoutAnAutoscaleSettingTheStateSaysSo() throws Exception {
    azure.scaleSet("web", false, 2);
    mesh.startVmss("web");
    await().until(() -> mesh.plane().publisher().current().isPresent());

    assertThat(mesh.watchFirst().getAutoscale().getEnabled()).isFalse();
  }

  @Test
  void anOperatorsScalePatchesSkuCapacityAndFollowsTheLongRunningOperation() throws Exception {
    FakeScaleSet web = azure.scaleSet("web", false, 2);
    web.autoscale(true, 2, 4, 2, 75, 25);
    mesh.startVmss("web");
    await().untilAsserted(() -> assertThat(mesh.xds().endpoints()).hasSize(2));
    await().until(() -> mesh.watchFirst().getAutoscale().getEnabled());

    ScaleResponse response =
        mesh.console("operator-token")
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
            () ->
                assertThat(mesh.xds().endpoints())
                    .hasSize(3)
                    .containsEntry("10.0.1.6:80", HEALTHY));

    // Beyond Azure's maximum of 4: refused, nothing sent.
    assertThat(
            catchThrowable(
                () ->
                    mesh.console("operator-token")
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
  void anOperationAzureEndsFailedIsShownAsFailedWithAzuresReasonAndAudited() throws Exception {
    azure.scaleSet("web", false, 2);
    azure.failOperations(
        "QuotaExceeded",
        "Operation could not be completed as it results in exceeding approved Total Regional Cores quota.");
    mesh.startVmss("web");
    await().untilAsserted(() -> assertThat(mesh.xds().endpoints()).hasSize(2));

    mesh.console(AzurePlane.OPERATOR)
        .scale(
            ScaleRequest.newBuilder()
                .setScaleSet("web")
                .setScaleOutBy(1)
                .setReason("quota")
                .build());
    assertThat(mesh.watchFirst().getLastScaleAction().getProgress())
        .isEqualTo(ScaleProgress.SCALE_PROGRESS_IN_PROGRESS);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              var action = mesh.watchFirst().getLastScaleAction();
              assertThat(action.getProgress()).isEqualTo(ScaleProgress.SCALE_PROGRESS_FAILED);
              assertThat(action.getFailure()).contains("Total Regional Cores quota");
            });
    assertThat(Files.readString(mesh.auditLog()))
        .contains("\"result\":\"failed\"")
        .contains("Total Regional Cores quota");
    assertThat(mesh.xds().endpoints()).hasSize(2);
  }

  @Test
  void aRefusedPatchIsUnavailableAndAuditedAndChangesNothing() throws Exception {
    azure.scaleSet("web", false, 2);
    mesh.startVmss("web");
    await().untilAsserted(() -> assertThat(mesh.xds().endpoints()).hasSize(2));
    azure.inject(ResourceManagerStub.Fault.REFUSE_PATCH, 1);

    assertThat(
            catchThrowable(
                () ->
                    mesh.console("operator-token")
                        .scale(
                            ScaleRequest.newBuilder()
                                .setScaleSet("web")
                                .setScaleOutBy(1)
                                .setReason("refused")
                                .build())))
        .hasMessageContaining("UNAVAILABLE")
        .hasMessageContaining("409");
    assertThat(Files.readString(mesh.auditLog()))
        .contains("\"reason\":\"refused\"")
        .contains("\"reason\":\"unavailable\"");
    assertThat(mesh.watchFirst().getCapacity()).isEqualTo(2);
  }

  @Test
  void scalemeshsOwnAutoscalerOnlySamplesAnAzureScaleSetAndNeverScalesIt() throws Exception {
    FakeScaleSet web = azure.scaleSet("web", false, 2);
    web.cpu("web_0", 95);
    web.cpu("web_1", 95);
    // At 60x a grain is a second and the 5-minute window five: an autoscaler applying its rules
    // to this CPU would have scaled out well within the wait below.
    ServiceCapabilities started = mesh.startVmss("web", new ScaledClock(Clock.systemUTC(), 60));
    assertThat(started.scaler()).isPresent();
    assertThat(
            mesh.config("{kind: azure-vmss, resource_group: rg-mesh, scale_set: web, port: 80}")
                .services()
                .getFirst()
                .autoscale()
                .policy()
                .enabled())
        .as("the configured policy would scale")
        .isTrue();

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
}
