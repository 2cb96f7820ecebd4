package io.scalemesh.console.e2e;

import static io.scalemesh.console.e2e.ConsoleWindow.fx;
import static io.scalemesh.console.e2e.ControlPlanes.OPERATOR_TOKEN;
import static io.scalemesh.console.e2e.ControlPlanes.VIEWER_TOKEN;
import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalemesh.console.events.EventRow;
import io.scalemesh.console.topology.NodeState;
import io.scalemesh.console.topology.TopologyNode;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.ManualSource;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * A mass removal held by a real control plane, in a real console window (headless, Monocle):
 * discovery reports four ready instances, then three of them gone at once.
 */
class RemovalHoldEndToEndTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private final FxRobot robot = new FxRobot();
  private final ManualSource source = new ManualSource("backend");
  private ControlPlane plane;
  private ConsoleWindow window;

  @BeforeEach
  void startControlPlane() {
    plane = teardown.add(ControlPlanes.holdingRemovals(dir, source));
  }

  @Test
  void aViewerSeesTheHoldButReleaseIsDisabledWithTheReason() throws Exception {
    openAndHold(VIEWER_TOKEN);

    assertThat(fx(() -> window.button("#releaseHoldButton").isDisabled())).isTrue();
    assertThat(fx(() -> window.label("#releaseHoldReason").getText()))
        .isEqualTo(
            "Read-only: dashboards has a viewer token, releasing a hold needs an operator's");
    window.screenshot("Dashboard", "removal-hold-viewer");
    fx(
        () -> {
          window.console().viewModel().toggleTheme();
          return null;
        });
    window.screenshot("Dashboard", "removal-hold-dark");
  }

  @Test
  void anOperatorReleasesTheHoldAndTheVanishedInstancesLeaveRouting() throws Exception {
    openAndHold(OPERATOR_TOKEN);
    window.screenshot("Dashboard", "removal-hold");

    robot.clickOn("#releaseHoldButton");
    Scene dialog = window.dialogShowing("#holdConsequence", PATIENCE);
    assertThat(fx(() -> robot.lookup("#holdConsequence").queryAs(Label.class).getText()))
        .isEqualTo("3 instances will be removed from routing now");
    window.enter(dialog, "#releaseAuditReason", "the scale-in was real");
    Screenshots.save(dialog, "release-hold-confirmation");
    robot.clickOn("#confirmRelease");

    await().atMost(PATIENCE).until(() -> fx(() -> !banner().isVisible()));
    // Gone nodes are shown as such for a few seconds, then dropped: either is out of routing.
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fx(
                    () -> {
                      Map<String, NodeState> states = instanceStates();
                      return states.get("vm-1") == NodeState.READY
                          && Stream.of("vm-2", "vm-3", "vm-4")
                              .allMatch(
                                  name ->
                                      states.getOrDefault(name, NodeState.GONE) == NodeState.GONE);
                    }));
    assertThat(plane.publisher().holds()).isEmpty();
    assertThat(Files.readAllLines(TestConfigs.auditLog(dir)))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "\"identity\":\"ops\"",
                        "RELEASE_HOLD",
                        "the scale-in was real",
                        "\"result\":\"released\""));
    assertThat(
            fx(
                () ->
                    window.console().viewModel().events().events().stream()
                        .filter(row -> row.kindLabel().equals("removal hold"))
                        .map(EventRow::message)
                        .toList()))
        .anySatisfy(
            message -> assertThat(message).contains("3 of 4", "until an operator releases it"))
        .anySatisfy(message -> assertThat(message).contains("hold ended"));
    window.screenshot("Topology", "removal-hold-released-topology");
    window.screenshot("Events", "removal-hold-events");
  }

  /**
   * Opens the console, shows it four ready instances, then makes three vanish; waits for the
   * banner.
   */
  private void openAndHold(String token) throws Exception {
    source.report(List.of(vm(1), vm(2), vm(3), vm(4)));
    window = teardown.add(ConsoleWindow.open(dir, plane.consoleApiPort(), token));
    await().atMost(PATIENCE).until(() -> fx(() -> window.tile("instances").getLeftValue() == 4));
    assertThat(fx(() -> banner().isVisible())).isFalse();

    source.report(List.of(vm(1)));

    await().atMost(PATIENCE).until(() -> fx(() -> banner().isVisible()));
    assertThat(fx(() -> window.label("#holdHeadline").getText()))
        .isEqualTo(
            "Routing frozen for backend: 3 of 4 ready "
                + "instances vanished from discovery at once, and stay routed until the hold ends");
    assertThat(fx(() -> window.label("#holdTiming").getText()))
        .endsWith("Only an operator can release it.");
    assertThat(fx(() -> window.label("#holdVanished").getText()))
        .isEqualTo("Vanished: vm-2, vm-3, vm-4");
    assertThat(fx(() -> window.tile("instances").getLeftValue())).as("still routed").isEqualTo(4);
  }

  private Node banner() {
    return robot.lookup("#holdBanner").query();
  }

  private Map<String, NodeState> instanceStates() {
    return window.instanceNodes().stream()
        .collect(Collectors.toMap(TopologyNode::label, TopologyNode::state));
  }
}
