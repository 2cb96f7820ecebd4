package io.scalemesh.console.instances;

import static io.scalemesh.console.Statuses.T0;
import static io.scalemesh.console.Statuses.backend;
import static io.scalemesh.console.Statuses.ready;
import static io.scalemesh.console.Statuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.console.Console;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The instance table in a real (headless) window: what its cells draw, not only their text. */
class InstanceTableViewTest {
  private final FxRobot robot = new FxRobot();
  private final InstanceTableViewModel viewModel = new InstanceTableViewModel();
  private Stage stage;

  @BeforeEach
  void show() throws Exception {
    FxToolkit.registerPrimaryStage();
    stage =
        FxToolkit.setupStage(
            shown -> {
              Scene scene = new Scene(new InstanceTableView(viewModel).root(), 1000, 400);
              scene
                  .getStylesheets()
                  .add(Console.class.getResource("ui/console.css").toExternalForm());
              shown.setScene(scene);
              shown.show();
            });
  }

  @AfterEach
  void hide() throws Exception {
    FxToolkit.cleanupStages();
  }

  /**
   * A figure's cell lays out only itself when the figure changes (so that the table does not
   * restyle every row on every update): the text it draws must still be the new figure, whole.
   */
  @Test
  void aCellDrawsItsNewFigureAfterAnUpdate() throws Exception {
    fx(
        () ->
            viewModel.apply(
                status(T0, backend(2, ready("backend-1", 9.5), ready("backend-2", 10)))));
    assertThat(drawn("cpu")).containsExactly("9.5", "10.0");

    fx(
        () ->
            viewModel.apply(
                status(
                    T0.plusSeconds(1),
                    backend(2, ready("backend-1", 100), ready("backend-2", 7.25)))));

    assertThat(drawn("cpu")).containsExactly("100.0", "7.3");
  }

  /** An instance gone from above: every row below shows the instance after it, drawn whole. */
  @Test
  void rowsDrawTheirNewInstancesWhenOneAboveThemGoes() throws Exception {
    fx(
        () ->
            viewModel.apply(
                status(
                    T0,
                    backend(
                        3,
                        ready("backend-1", 1),
                        ready("backend-22", 2),
                        ready("backend-333", 3)))));
    assertThat(drawn("name")).containsExactly("backend-1", "backend-22", "backend-333");

    fx(
        () ->
            viewModel.apply(
                status(
                    T0.plusSeconds(1),
                    backend(2, ready("backend-22", 2), ready("backend-333", 3)))));

    assertThat(drawn("name")).containsExactly("backend-22", "backend-333");
    assertThat(drawn("cpu")).containsExactly("2.0", "3.0");
  }

  /** Every row, empty or not, lays out its cells as wide as their columns after a resize. */
  @Test
  void everyRowFollowsTheColumnsWhenTheWindowGrows() throws Exception {
    fx(() -> viewModel.apply(status(T0, backend(2, ready("backend-1", 1), ready("backend-2", 2)))));
    WaitForAsyncUtils.waitForFxEvents();

    for (int[] size : new int[][] {{1240, 760}, {900, 500}, {1240, 760}}) {
      fx(
          () -> {
            stage.setWidth(size[0]);
            stage.setHeight(size[1]);
          });
      WaitForAsyncUtils.waitForFxEvents();
    }

    List<String> misfits =
        fx(
            () ->
                robot.lookup(".table-row-cell .table-cell").queryAllAs(TableCell.class).stream()
                    .filter(TableCell::isVisible)
                    .filter(
                        cell -> Math.abs(cell.getWidth() - cell.getTableColumn().getWidth()) > 0.5)
                    .map(
                        cell ->
                            "%s in row %d: %.1f, column %.1f"
                                .formatted(
                                    cell.getTableColumn().getId(),
                                    cell.getIndex(),
                                    cell.getWidth(),
                                    cell.getTableColumn().getWidth()))
                    .toList());
    assertThat(misfits).isEmpty();
  }

  /** The text nodes a column's cells draw, top to bottom, once the scene is laid out. */
  private List<String> drawn(String columnId) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    return fx(
        () ->
            robot.lookup(".table-row-cell .table-cell").queryAllAs(TableCell.class).stream()
                .filter(cell -> cell.getTableColumn().getId().equals(columnId) && !cell.isEmpty())
                .sorted((a, b) -> Double.compare(y(a), y(b)))
                .map(cell -> ((Text) cell.lookup(".text")).getText())
                .toList());
  }

  private static double y(Node node) {
    return node.localToScene(0, 0).getY();
  }

  private static <T> T fx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
  }

  private static void fx(Runnable work) throws Exception {
    WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
  }
}
