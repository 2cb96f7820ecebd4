package io.scalemesh.console.timetravel;

import io.scalemesh.console.ui.Fxml;
import io.scalemesh.console.ui.Observe;
import javafx.beans.binding.BooleanBinding;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;

/**
 * The time-travel bar under the toolbar: a slider over what the control plane keeps (at most the
 * last hour), what moment is shown and how long ago, and "Back to live". A drag asks for the past
 * once, when the slider is let go.
 */
public final class TimeTravelView {
  private final TimeTravelViewModel viewModel;
  private final Parent root;
  @FXML private Parent timeBar;
  @FXML private Slider timeSlider;
  @FXML private Label timeLabel;
  @FXML private Label reachLabel;
  @FXML private Button backToLiveButton;
  private BooleanBinding inThePast;

  public TimeTravelView(TimeTravelViewModel viewModel) {
    this.viewModel = viewModel;
    this.root = Fxml.load(this);
  }

  @FXML
  private void initialize() {
    timeSlider.minProperty().bind(viewModel.minimumProperty());
    timeSlider.valueProperty().bindBidirectional(viewModel.secondsBackProperty());
    timeSlider
        .valueProperty()
        .addListener(
            (property, before, after) -> {
              if (!timeSlider.isValueChanging()) {
                viewModel.travel(after.doubleValue());
              }
            });
    timeSlider
        .valueChangingProperty()
        .addListener(
            (property, wasChanging, changing) -> {
              if (!changing) {
                viewModel.travel(timeSlider.getValue());
              }
            });
    timeLabel.textProperty().bind(viewModel.labelProperty());
    reachLabel.textProperty().bind(viewModel.reachLabelProperty());
    backToLiveButton.disableProperty().bind(viewModel.liveProperty());
    // A field: a binding only its listeners know is collected, and the bar then stops changing.
    inThePast = viewModel.liveProperty().not();
    Observe.styleClass(timeBar, "past", inThePast);
  }

  @FXML
  private void backToLive() {
    viewModel.backToLive();
  }

  public Parent root() {
    return root;
  }
}
