package io.scalemesh.console.e2e;

import static io.scalemesh.console.e2e.ConsoleWindow.fx;
import static io.scalemesh.console.e2e.ControlPlanes.OPERATOR_TOKEN;
import static io.scalemesh.console.e2e.ControlPlanes.VIEWER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.scalemesh.console.topology.NodeState;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestChannels;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.fixtures.TestTokens;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.ScaleRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The console in a real JavaFX window (headless, Monocle) against a real control plane in this
 * process, in simulated mode. Each test saves screenshots under target/screenshots.
 */
class ConsoleEndToEndTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private final FxRobot robot = new FxRobot();
  private ControlPlane plane;
  private ConsoleWindow window;

  @BeforeEach
  void startControlPlane() {
    plane = teardown.add(ControlPlanes.start(dir, 0));
  }

  @Test
  void theDashboardChartsAndTopologyFollowAScaleOut() throws Exception {
    openConsole(OPERATOR_TOKEN);
    await().atMost(PATIENCE).until(() -> fx(() -> window.tile("instances").getLeftValue() == 2));

    setCapacityAsAnotherOperator(3);

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fx(
                    () ->
                        window.tile("instances").getRightValue() == 3
                            && window.tile("instances").getLeftValue() == 3));
    assertThat(fx(() -> window.tile("last-action").getDescription())).startsWith("ops: 2 -> 3");
    window.showTab("Charts"); // charts are drawn only while on screen
    await()
        .atMost(PATIENCE)
        .until(
            () -> fx(() -> lastValue("#instances", 0) == 3.0 && lastValue("#instances", 1) == 3.0));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fx(
                    () ->
                        window.instanceNodes().size() == 3
                            && window.instanceNodes().stream()
                                .allMatch(node -> node.state() == NodeState.READY)));

    window.screenshot("Dashboard", "dashboard");
    window.screenshot("Charts", "charts");
    window.showTab("Topology");
    robot.clickOn(firstInstanceCell());
    assertThat(fx(() -> robot.lookup(".node-details").queryAs(TextArea.class).getText()))
        .contains("Instance backend_");
    window.screenshot("Topology", "topology");
    window.screenshot("Instances", "instances");
    window.screenshot("Events", "events");

    robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
    await()
        .atMost(PATIENCE)
        .until(
            () -> fx(() -> window.stage().getScene().getRoot().getStyleClass().contains("dark")));
    window.screenshot("Dashboard", "dashboard-dark");
    window.screenshot("Topology", "topology-dark");
  }

  @Test
  void clickingScaleOutAndConfirmingRaisesTheCapacityOfTheControlPlane() throws Exception {
    openConsole(OPERATOR_TOKEN);
    await().atMost(PATIENCE).until(() -> fx(() -> !window.button("#scaleOutButton").isDisabled()));

    robot.clickOn("#scaleOutButton");
    Scene dialog = window.dialogShowing("#scaleChange", PATIENCE);
    assertThat(fx(() -> robot.lookup("#scaleChange").queryAs(Label.class).getText()))
        .isEqualTo("backend: 2 -> 3");
    window.enter(dialog, "#scaleReason", "end-to-end test");
    Screenshots.save(dialog, "scale-confirmation");
    robot.clickOn("#confirmScale");

    await()
        .atMost(PATIENCE)
        .until(() -> plane.scaleController("backend").orElseThrow().capacity().getAsInt() == 3);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fx(() -> window.label("#notification").getText())
                    .endsWith(" local: backend: 2 -> 3 accepted"));
    assertThat(Files.readString(TestConfigs.auditLog(dir)))
        .contains("\"identity\":\"ops\"", "end-to-end test");
    window.screenshot("Dashboard", "after-scale-out");
  }

  @Test
  void aViewerTokenShowsTheScaleButtonsDisabledWithTheReason() throws Exception {
    openConsole(VIEWER_TOKEN);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fx(() -> window.label("#connectionState").getText())
                    .endsWith("as dashboards (viewer)"));

    assertThat(fx(() -> window.button("#scaleOutButton").isDisabled())).isTrue();
    assertThat(fx(() -> window.button("#scaleInButton").isDisabled())).isTrue();
    assertThat(fx(() -> window.button("#setCapacityButton").isDisabled())).isTrue();
    assertThat(fx(() -> window.label("#scaleReason").getText()))
        .isEqualTo("Read-only: dashboards has a viewer token, scaling needs an operator's");
    window.screenshot("Dashboard", "viewer");
  }

  @Test
  void stoppingTheControlPlaneShowsDisconnectedAndStaleAndARestartRestoresLiveData()
      throws Exception {
    openConsole(OPERATOR_TOKEN);
    await().atMost(PATIENCE).until(() -> fx(() -> window.tile("instances").getLeftValue() == 2));
    int port = plane.consoleApiPort();

    plane.close();

    await().atMost(PATIENCE).until(() -> fx(() -> window.label("#staleMarker").isVisible()));
    assertThat(fx(() -> window.label("#staleMarker").getText()))
        .startsWith("STALE: showing data from ");
    assertThat(fx(() -> window.label("#connectionState").getText()))
        .matches("(Disconnected from|Connecting to) 127\\.0\\.0\\.1:.*");
    assertThat(fx(() -> window.button("#scaleOutButton").isDisabled())).isTrue();
    window.screenshot("Dashboard", "disconnected-stale");

    plane = teardown.add(ControlPlanes.start(dir, port));
    await()
        .atMost(PATIENCE)
        .until(() -> fx(() -> window.label("#connectionState").getText()).startsWith("Live:"));
    assertThat(fx(() -> window.label("#staleMarker").isVisible())).isFalse();
    setCapacityAsAnotherOperator(4);
    await().atMost(PATIENCE).until(() -> fx(() -> window.tile("instances").getRightValue() == 4));
    window.screenshot("Dashboard", "reconnected");
  }

  private void openConsole(String token) throws Exception {
    window = teardown.add(ConsoleWindow.open(dir, plane.consoleApiPort(), token));
  }

  /** Another operator's change, through the console API, so that the console only watches it. */
  private void setCapacityAsAnotherOperator(int capacity) throws InterruptedException {
    ManagedChannel channel = TestChannels.plaintext(plane.consoleApiPort());
    try {
      ConsoleGrpc.newBlockingStub(channel)
          .withCallCredentials(TestTokens.bearer(OPERATOR_TOKEN))
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .scale(
              ScaleRequest.newBuilder()
                  .setScaleSet("backend")
                  .setSetCapacity(capacity)
                  .setReason("test")
                  .build());
    } finally {
      TestChannels.close(channel);
    }
  }

  /** Instances are drawn on a canvas, the first slot's cell at its top left. */
  private Point2D firstInstanceCell() throws Exception {
    return fx(() -> robot.lookup("#instance-grid").query().localToScreen(20, 12));
  }

  @SuppressWarnings("unchecked")
  private double lastValue(String chart, int series) {
    LineChart<Number, Number> lineChart = robot.lookup(chart).queryAs(LineChart.class);
    List<XYChart.Data<Number, Number>> data = lineChart.getData().get(series).getData();
    return data.isEmpty() ? -1 : data.getLast().getYValue().doubleValue();
  }
}
