package io.scalemesh.controlplane.discovery.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.controlplane.discovery.PollingLoop;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which resources' change events concern a scale set, by their Resource Manager ids. */
class ScaleSetChangesTest {
  private static final String GROUP = "/subscriptions/sub-1/resourceGroups/rg-mesh";
  private static final String WEB =
      GROUP + "/providers/Microsoft.Compute/virtualMachineScaleSets/web";
  private static final String GROUP_VM = GROUP + "/providers/Microsoft.Compute/virtualMachines/";

  private final ScaleSetState state = new ScaleSetState();
  private final ScaleSetChanges changes =
      new ScaleSetChanges(
          "sub-1",
          "rg-mesh",
          "web",
          state,
          new PollingLoop(
              "web",
              Duration.ofMinutes(5),
              List::of,
              new PollingLoop.Failures() {},
              Clock.systemUTC()));

  @Test
  void theScaleSetAndWhatIsUnderItConcernIt() {
    assertThat(changes.concerns(WEB)).isTrue();
    assertThat(changes.concerns(WEB.toLowerCase() + "/")).isTrue();
    assertThat(changes.concerns(WEB + "/virtualMachines/3")).isTrue();
    assertThat(changes.concerns(WEB + "/extensions/health")).isTrue();
  }

  @Test
  void otherScaleSetsGroupsAndSubscriptionsDoNot() {
    assertThat(changes.concerns(WEB + "-canary")).isFalse();
    assertThat(changes.concerns(GROUP + "/providers/Microsoft.Compute/virtualMachineScaleSets/api"))
        .isFalse();
    assertThat(changes.concerns(WEB.replace("rg-mesh", "rg-other"))).isFalse();
    assertThat(changes.concerns(WEB.replace("sub-1", "sub-2"))).isFalse();
    assertThat(changes.concerns(GROUP + "/providers/Microsoft.Storage/storageAccounts/logs"))
        .isFalse();
    assertThat(changes.concerns(GROUP)).isFalse();
    assertThat(changes.concerns("")).isFalse();
  }

  @Test
  void aVmInTheGroupConcernsAFlexibleScaleSetOrOneNotReadYetButNotAUniformOne() {
    assertThat(changes.concerns(GROUP_VM + "web_1a2b3c4d")).isTrue();

    state.read(new ScaleSetReader.View(WEB, 2, true, "Succeeded", List.of()), state.patches());
    assertThat(changes.concerns(GROUP_VM + "web_1a2b3c4d")).isTrue();
    assertThat(changes.concerns(GROUP_VM.replace("rg-mesh", "rg-other") + "web_1")).isFalse();

    state.read(new ScaleSetReader.View(WEB, 2, false, "Succeeded", List.of()), state.patches());
    assertThat(changes.concerns(GROUP_VM + "jumpbox")).isFalse();
    assertThat(changes.concerns(WEB + "/virtualMachines/0")).isTrue();
  }
}
