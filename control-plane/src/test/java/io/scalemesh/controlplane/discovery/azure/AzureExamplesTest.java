package io.scalemesh.controlplane.discovery.azure;

import static io.envoyproxy.envoy.config.core.v3.HealthStatus.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.azure.core.util.Context;
import io.scalemesh.controlplane.discovery.ServiceCapabilities;
import io.scalemesh.controlplane.fixtures.ColdStartPatience;
import io.scalemesh.controlplane.fixtures.PublishedInstances;
import io.scalemesh.controlplane.fixtures.azure.FakeScaleSet;
import io.scalemesh.controlplane.fixtures.azure.ResourceManagerStub;
import io.scalemesh.controlplane.policy.AutoscalePolicy;
import io.scalemesh.controlplane.time.ScaledClock;
import io.scalemesh.model.console.v1.AutoscaleRule;
import io.scalemesh.model.console.v1.AutoscaleRule.Direction;
import io.scalemesh.model.console.v1.ScaleRequest;
import io.scalemesh.model.console.v1.ScaleSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Azure sources against Azure's own answers: the example responses of the REST API
 * specification (examples/SOURCES.md), served as they are but for ids and names. Each of the four
 * misreadings found against them has its test here: rules by their scale action, the profile in
 * force, a metric that is not CPU, a VM whose NIC does not name it, and tags the VM list does not
 * carry.
 */
@ExtendWith(ColdStartPatience.class)
class AzureExamplesTest {
  private static final String EXAMPLE_SCALE_SET =
      "/subscriptions/b67f7fec-69fc-4974-9099-a26bd6ffeda3/resourceGroups/TestingMetricsScaleSet"
          + "/providers/Microsoft.Compute/virtualMachineScaleSets/testingsc";

  @RegisterExtension final AzurePlane mesh = new AzurePlane();

  private ResourceManagerStub azure;

  @BeforeEach
  void useTheLocalResourceManager() {
    azure = mesh.azure();
  }

  /** Misreading 1: a Decrease rule on "GreaterThan 15" is the scale-in rule, not scale-out. */
  @Test
  void eachAutoscaleRuleIsReadWithItsOwnDirectionGrainWindowAndCooldown() throws Exception {
    azure.scaleSet("web", false, 2);
    answerAutoscaleExample();
    mesh.startVmss("web");

    // Until Azure's setting is read the configured policy shows: wait for the cloud's profile.
    await().until(() -> !mesh.watchFirst().getAutoscale().getProfile().isEmpty());
    ScaleSet shown = mesh.watchFirst();
    assertThat(shown.getAutoscale().getScaleOutCpuPercent()).isEqualTo(10);
    assertThat(shown.getAutoscale().getScaleInCpuPercent()).isEqualTo(15);
    assertThat(shown.getBounds().getMinimum()).isEqualTo(1);
    assertThat(shown.getBounds().getMaximum()).isEqualTo(10);
    assertThat(shown.getBounds().getDefault()).isEqualTo(1);
    assertThat(shown.getAutoscale().getRulesList())
        .containsExactly(
            AutoscaleRule.newBuilder()
                .setDirection(Direction.DIRECTION_INCREASE)
                .setOperator("GreaterThan")
                .setThreshold(10)
                .setTimeGrainSeconds(60)
                .setTimeWindowSeconds(300)
                .setChangeCount(1)
                .setCooldownSeconds(300)
                .build(),
            AutoscaleRule.newBuilder()
                .setDirection(Direction.DIRECTION_DECREASE)
                .setOperator("GreaterThan")
                .setThreshold(15)
                .setTimeGrainSeconds(120)
                .setTimeWindowSeconds(300)
                .setChangeCount(2)
                .setCooldownSeconds(360)
                .build());
  }

  /**
   * Misreading 1, the profile: "adios" is a fixedDate profile for half an hour of 2015; the weekly
   * recurrence "saludos" (Mondays 05:15 UTC) has been in force since it first started.
   */
  @Test
  void theProfileInForceIsTheOneAzureMonitorWouldApplyAtThatMoment() throws Exception {
    azure.scaleSet("web", false, 2);
    answerAutoscaleExample();
    AutoscaleSettingReader reader =
        new AutoscaleSettingReader(mesh.session(), ResourceManagerStub.GROUP);
    String web = ResourceManagerStub.scaleSetId("web");

    assertThat(reader.read(web, Instant.parse("2015-03-05T14:10:00Z")))
        .map(AutoscalePolicy::profile)
        .contains("adios");
    assertThat(reader.read(web, Instant.parse("2015-03-05T14:40:00Z")))
        .map(AutoscalePolicy::profile)
        .contains("saludos");
    assertThat(reader.read(web, Instant.parse("2026-11-30T12:00:00Z")))
        .map(AutoscalePolicy::profile)
        .contains("saludos");
    assertThat(mesh.startVmss("web").cloudAutoscale()).isPresent();
    await()
        .untilAsserted(
            () -> assertThat(mesh.watchFirst().getAutoscale().getProfile()).isEqualTo("saludos"));
  }

  /** Misreading 2: Monitor's answer for blob counts is no CPU figure, and the status says so. */
  @Test
  void aMetricThatIsNotPercentageCpuIsACpuReadErrorShownInTheStatus() throws Exception {
    azure.scaleSet("web", false, 2);
    azure.answer(
        "GET",
        ".*/providers/microsoft\\.insights/metrics",
        AzureExample.of("GetMetric.json")
            .inStubsGroup("1f3fa6d2-851c-4a91-9087-1a050f3a9c38", "todking")
            .body());
    ServiceCapabilities web = mesh.startVmss("web", new ScaledClock(Clock.systemUTC(), 60));
    await().untilAsserted(() -> assertThat(mesh.xds().endpoints()).hasSize(2));

    assertThat(catchThrowable(() -> web.cpu().orElseThrow().sample(Instant.now())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'BlobCount'")
        .hasMessageContaining("Percentage CPU");
    await()
        .untilAsserted(
            () ->
                assertThat(mesh.watchFirst().getCpuError())
                    .contains("BlobCount")
                    .contains("Percentage CPU"));
    assertThat(mesh.watchFirst().getInstancesList())
        .allSatisfy(instance -> assertThat(instance.getCpuPercent()).isZero());
  }

  /**
   * Misreading 3: of the example's two interfaces, one names its VM and one does not; the VM whose
   * network profile names the second is found all the same. The public IPs listed belong to other
   * interfaces and to a load balancer: none is taken for a VM's.
   */
  @Test
  void aFlexibleVmIsJoinedToItsInterfaceFromEitherSide() throws Exception {
    FakeScaleSet api = azure.scaleSet("api", true, 2);
    azure.answer(
        "GET",
        ".*/resourceGroups/[^/]+/providers/microsoft\\.network/networkinterfaces",
        AzureExample.of("NetworkInterfaceList.json")
            .inStubsGroup("00000000-0000-0000-0000-000000000000", "rg1")
            .rewrite("networkInterfaces/test-nic2\\b", "networkInterfaces/api_a001-nic")
            .rewrite("networkInterfaces/test-nic\\b", "networkInterfaces/api_a000-nic")
            .rewrite("virtualMachines/vm1\\b", "virtualMachines/api_a000")
            .body());
    azure.answer(
        "GET",
        ".*/resourceGroups/[^/]+/providers/microsoft\\.network/publicipaddresses",
        AzureExample.of("PublicIpAddressListAll.json")
            .inStubsGroup("00000000-0000-0000-0000-000000000000", "rg1")
            .body());
    mesh.startVmss("api");

    await().untilAsserted(() -> assertThat(PublishedInstances.of(mesh.plane())).hasSize(2));
    assertThat(mesh.published(api.vm(0).name).privateIp()).isEqualTo("172.20.2.4");
    assertThat(mesh.published(api.vm(1).name).privateIp()).isEqualTo("172.20.2.4");
    assertThat(mesh.published(api.vm(0).name).publicIp()).isEmpty();
    assertThat(mesh.published(api.vm(1).name).publicIp()).isEmpty();
  }

  /**
   * Misreading 4: the subscription's VM list with statusOnly=true brings power states but no tags,
   * so tagged VMs are found through Resource Graph.
   */
  @Test
  void taggedVmsAreFoundThoughTheStatusOnlyVmListCarriesNoTags() throws Exception {
    azure.standaloneVm("web-a", "10.0.2.1", Map.of("role", "web"));
    azure.standaloneVm("web-b", "10.0.2.2", Map.of("role", "web", "team", "edge"));
    azure.standaloneVm("db", "10.0.2.3", Map.of("role", "db"));
    assertThat(
            Pages.all(
                mesh.session()
                    .compute()
                    .serviceClient()
                    .getVirtualMachines()
                    .list("true", null, null, Context.NONE)))
        .as("the premise: the statusOnly=true list carries no tags")
        .hasSize(3)
        .allSatisfy(vm -> assertThat(vm.tags()).isNull());
    mesh.startTagged();

    await()
        .untilAsserted(
            () ->
                assertThat(mesh.xds().endpoints())
                    .containsOnlyKeys("10.0.2.1:8080", "10.0.2.2:8080"));
    assertThat(mesh.published("web-b").labels()).containsEntry("azure.tag.team", "edge");
    assertThat(azure.requests())
        .anySatisfy(r -> assertThat(r.path()).endsWithIgnoringCase("/resources"));
  }

  /**
   * Resource Graph's own example page: rows that are no VMs (a disk, an automation account) are one
   * clear error, never instances.
   */
  @Test
  void resourceGraphRowsThatAreNotVmsAreAnError() throws Exception {
    azure.standaloneVm("web-a", "10.0.2.1", Map.of("role", "web"));
    azure.answer(
        "POST",
        "/providers/microsoft\\.resourcegraph/resources",
        AzureExample.of("ResourcesFirstPageQuery.json")
            .rewrite("\"\\$skipToken\":\"[^\"]*\",", "")
            .body());
    TaggedVmReader reader =
        new TaggedVmReader(
            mesh.session(), Optional.of(ResourceManagerStub.GROUP), "role", "web", 80);

    assertThat(catchThrowable(reader::read))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a VM")
        .hasMessageContaining("Microsoft.Compute/disks");
  }

  /**
   * A Uniform scale set as the examples answer: capacity 4 from the scale set, two instances listed
   * without their instance views. Without a power state an instance is never routed to.
   */
  @Test
  void uniformInstancesListedWithoutInstanceViewsAreNeverRouted() throws Exception {
    azure.scaleSet("web", false, 3);
    azure.answer(
        "GET",
        ".*/virtualMachineScaleSets/web",
        AzureExample.of("VirtualMachineScaleSet_Get_AutoPlacedOnDedicatedHostGroup.json")
            .inStubsGroup("{subscription-id}", "myResourceGroup")
            .rewrite("myVirtualMachineScaleSet", "web")
            .body());
    azure.answer(
        "GET",
        ".*/virtualMachineScaleSets/web/virtualMachines",
        AzureExample.of("VirtualMachineScaleSetVM_List_WithResiliencyView.json")
            .inStubsGroup("{subscription-id}", "myResourceGroup")
            .rewrite("\\{vmss-name\\}", "web")
            .rewrite("\\{vmss-vm-name\\}", "web")
            .rewrite("networkInterfaces/vnet-eastus2euap-2-nic01\\b", "networkInterfaces/nic")
            .body());
    mesh.startVmss("web");

    await()
        .untilAsserted(
            () ->
                assertThat(mesh.xds().endpoints())
                    .isEqualTo(Map.of("10.0.1.5:80", UNHEALTHY, "10.0.1.6:80", UNHEALTHY)));
    assertThat(mesh.watchFirst().getCapacity()).isEqualTo(4);
    assertThat(mesh.published("web_1").instanceId()).isEqualTo("1");
  }

  /**
   * The capacity PATCH answered with the Update example's body (a location, nothing else): the
   * scale still follows the operation, not the body.
   */
  @Test
  void aCapacityPatchAnsweredWithTheUpdateExampleIsFollowedToTheEnd() throws Exception {
    azure.scaleSet("web", false, 2);
    azure.answerPatches(
        AzureExample.of("VirtualMachineScaleSet_Update_MinimumSet_Gen.json").body());
    mesh.startVmss("web");
    await().untilAsserted(() -> assertThat(mesh.xds().endpoints()).hasSize(2));

    var response =
        mesh.console(AzurePlane.OPERATOR)
            .scale(
                ScaleRequest.newBuilder()
                    .setScaleSet("web")
                    .setScaleOutBy(1)
                    .setReason("example")
                    .build());

    assertThat(response.getNewCapacity()).isEqualTo(3);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(mesh.xds().endpoints()).hasSize(3));
  }

  private void answerAutoscaleExample() {
    azure.answer(
        "GET",
        ".*/providers/microsoft\\.insights/autoscalesettings",
        AzureExample.of("listAutoscaleSetting.json")
            .rewrite(Pattern.quote(EXAMPLE_SCALE_SET), ResourceManagerStub.scaleSetId("web"))
            .inStubsGroup("b67f7fec-69fc-4974-9099-a26bd6ffeda3", "TestingMetricsScaleSet")
            .body());
  }
}
