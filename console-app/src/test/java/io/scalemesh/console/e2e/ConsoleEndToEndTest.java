package io.scalemesh.console.e2e;

import static io.scalemesh.console.e2e.ConsoleWindow.fx;
import static io.scalemesh.console.e2e.ControlPlanes.OPERATOR_TOKEN;
import static io.scalemesh.console.e2e.ControlPlanes.VIEWER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.scalemesh.console.timetravel.TimeTravelViewModel;
import io.scalemesh.console.topology.NodeState;
import io.scalemesh.console.topology.TopologyNode;
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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
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
                fx(
                    () ->
                        window.console().viewModel().notifications().all().stream()
                            .anyMatch(n -> n.text().equals("backend: 2 -> 3 accepted"))));
    // The status reports the action too (before or after the response); the newest line is on
    // screen.
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fx(
                    () ->
                        window.console().viewModel().notifications().all().stream()
                            .anyMatch(
                                n ->
                                    n.text()
                                        .startsWith(
                                            "backend: ops scaled 2 -> 3 (end-to-end test)"))));
    assertThat(fx(() -> window.label("#notification").getText())).contains(" local: backend: ");
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
    awaitLive();
    assertThat(fx(() -> window.label("#staleMarker").isVisible())).isFalse();
    setCapacityAsAnotherOperator(4);
    await().atMost(PATIENCE).until(() -> fx(() -> window.tile("instances").getRightValue() == 4));
    window.screenshot("Dashboard", "reconnected");
    // The restarted control plane's clock is behind the old one's (both run 60 times faster
    // from their start): the charts must go on from it, not keep the old curves.
    window.showTab("Charts");
    await().atMost(PATIENCE).until(() -> fx(() -> lastValue("#instances", 2) == 4.0));
    window.screenshot("Charts", "charts-after-restart");
  }

  /** Issue 17: the slider shows the mesh as it was before a scale-out, then live again. */
  @Test
  void timeTravelShowsTheMeshAsItWasBeforeAScaleOutAndBackToLiveAsItIs() throws Exception {
    openConsole(OPERATOR_TOKEN);
    await().atMost(PATIENCE).until(() -> fx(() -> readyAndDesired(2)));
    TimeTravelViewModel timeTravel = window.console().viewModel().timeTravel();
    Instant before = fx(() -> timeTravel.now().orElseThrow());
    // A second is a minute of the mesh's clock (60x): the scale-out is well after "before".
    Thread.sleep(1_000);
    setCapacityAsAnotherOperator(4);
    await().atMost(PATIENCE).until(() -> fx(() -> readyAndDesired(4)));
    Instant after = fx(() -> timeTravel.now().orElseThrow());

    double back = -Duration.between(before, after).toMillis() / 1000.0;
    fx(
        () -> {
          robot.lookup("#timeSlider").queryAs(Slider.class).setValue(back);
          return null;
        });

    await().atMost(PATIENCE).until(() -> fx(() -> readyAndDesired(2)));
    assertThat(fx(() -> window.console().viewModel().instances().rows().size())).isEqualTo(2);
    assertThat(fx(() -> window.instanceNodes().size())).isEqualTo(2);
    assertThat(fx(() -> window.label("#timeLabel").getText())).startsWith("Viewing ");
    assertThat(fx(() -> window.button("#scaleOutButton").isDisabled())).isTrue();
    assertThat(fx(() -> window.label("#scaleReason").getText())).contains("past");
    window.screenshot("Topology", "time-travel");
    window.screenshot("Dashboard", "time-travel-dashboard");
    // The charts stay live, with a line on each at the moment the other views show.
    window.showTab("Charts");
    await().atMost(PATIENCE).until(() -> fx(() -> viewedMomentLines() == 4));
    window.screenshot("Charts", "time-travel-charts");
    window.showTab("Dashboard");

    robot.clickOn("#backToLiveButton");

    await().atMost(PATIENCE).until(() -> fx(() -> readyAndDesired(4)));
    assertThat(fx(() -> window.instanceNodes().size())).isEqualTo(4);
    assertThat(fx(() -> window.label("#timeLabel").getText())).isEqualTo("Live");
    assertThat(fx(() -> robot.lookup("#timeSlider").queryAs(Slider.class).getValue())).isZero();
    await().atMost(PATIENCE).until(() -> fx(() -> !window.button("#scaleOutButton").isDisabled()));
    assertThat(fx(() -> viewedMomentLines())).isZero();
  }

  /** The time-travel lines drawn on the charts. */
  private long viewedMomentLines() {
    return robot.lookup(".viewed-moment").queryAll().stream().filter(Node::isVisible).count();
  }

  private boolean readyAndDesired(int count) {
    return window.tile("instances").getLeftValue() == count
        && window.tile("instances").getRightValue() == count;
  }

  /** The issue: the F1 window was titled "Message". */
  @Test
  void theShortcutsWindowIsTitled() throws Exception {
    openConsole(VIEWER_TOKEN);
    awaitLive();

    robot.press(KeyCode.F1).release(KeyCode.F1);

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fx(
                    () ->
                        Window.getWindows().stream()
                            .anyMatch(
                                w ->
                                    w instanceof Stage stage
                                        && "Keyboard shortcuts".equals(stage.getTitle()))));
  }

  /** The issue: at 1280 px wide, 8 instances showed as 5, the rest under the details pane. */
  @Test
  void eightInstancesAreAllVisibleAt1280x800() throws Exception {
    openConsole(OPERATOR_TOKEN);
    setCapacityAsAnotherOperator(8);
    await().atMost(PATIENCE).until(() -> fx(() -> window.instanceNodes().size() == 8));
    window.showTab("Topology");
    assertThat(fx(() -> window.stage().getScene().getWidth())).isEqualTo(1280);

    ScrollPane scroller = robot.lookup(".topology .scroll-pane").queryAs(ScrollPane.class);
    Canvas grid = robot.lookup("#instance-grid").queryAs(Canvas.class);
    for (TopologyNode instance : window.instanceNodes()) {
      Point2D middle =
          fx(() -> grid.localToScene((instance.column() - 3) * 118 + 55, instance.row() * 40 + 16));
      Bounds visible = fx(() -> scroller.localToScene(scroller.getLayoutBounds()));
      assertThat(visible.contains(middle)).as(instance.label() + " on screen").isTrue();
    }
    window.screenshot("Topology", "topology-eight-instances");
  }

  /** The issue: a wrong token closed the dialog at once, was saved and used next time. */
  @Test
  void aConnectionThatFailsItsTestKeepsTheDialogOpenAndIsNotSaved() throws Exception {
    openConsole(OPERATOR_TOKEN);
    awaitLive();

    robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
    Scene dialog = window.dialogShowing("#connectionToken", PATIENCE);
    window.enter(dialog, "#connectionName", "typo");
    window.enter(dialog, "#connectionAddress", "127.0.0.1:" + plane.consoleApiPort());
    window.enter(dialog, "#connectionToken", "not-a-token");
    robot.clickOn("#connectButton");

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                fx(() -> window.label("#connectionProblem").getText())
                    .equals("Not connected: the control plane does not accept this token"));
    assertThat(fx(() -> dialog.getWindow().isShowing())).isTrue();
    Screenshots.save(dialog, "connection-test-failed");
    assertThat(Files.readString(dir.resolve("console.properties"))).doesNotContain("typo");
    assertThat(fx(() -> window.label("#connectionState").getText())).startsWith("Live:");
    fx(
        () -> {
          dialog.getWindow().hide();
          return null;
        });
  }

  private void openConsole(String token) throws Exception {
    window = teardown.add(ConsoleWindow.open(dir, plane.consoleApiPort(), token));
  }

  private void awaitLive() {
    await()
        .atMost(PATIENCE)
        .until(() -> fx(() -> window.label("#connectionState").getText()).startsWith("Live:"));
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
