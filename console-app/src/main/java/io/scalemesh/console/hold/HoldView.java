package io.scalemesh.console.hold;

import io.scalemesh.console.ui.Dialogs;
import io.scalemesh.console.ui.Fxml;
import java.util.Optional;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/**
 * A banner across the window, above every tab, while a mass removal is held: routing is frozen,
 * which is the first thing an operator on call needs to know. It offers to release the hold.
 */
public final class HoldView {
  private static final ButtonType RELEASE = new ButtonType("Release", ButtonData.OK_DONE);

  private final HoldViewModel viewModel;
  private final Parent root;
  @FXML private Parent holdBanner;
  @FXML private Label holdHeadline;
  @FXML private Label holdTiming;
  @FXML private Label holdVanished;
  @FXML private Button releaseHoldButton;
  @FXML private Label releaseHoldReason;
  @FXML private Label releaseHoldOutcome;

  public HoldView(HoldViewModel viewModel) {
    this.viewModel = viewModel;
    this.root = Fxml.load(this);
  }

  @FXML
  private void initialize() {
    holdBanner.visibleProperty().bind(viewModel.anyHeldProperty());
    holdBanner.managedProperty().bind(viewModel.anyHeldProperty());
    holdHeadline.textProperty().bind(viewModel.headlineProperty());
    holdTiming.textProperty().bind(viewModel.timingProperty());
    holdVanished.textProperty().bind(viewModel.vanishedProperty());
    Tooltip everyName = new Tooltip();
    everyName.textProperty().bind(viewModel.vanishedListProperty());
    holdVanished.setTooltip(everyName);
    releaseHoldButton.disableProperty().bind(viewModel.releaseDisabledProperty());
    // A disabled button shows no tooltip, so the reason is a label beside it.
    releaseHoldReason.textProperty().bind(viewModel.reasonProperty());
    releaseHoldOutcome.textProperty().bind(viewModel.outcomeProperty());
  }

  /** Asks to confirm, with what releasing does and a reason for the audit log, then releases. */
  @FXML
  public void release() {
    viewModel
        .proposeRelease()
        .ifPresent(hold -> confirm(hold).ifPresent(why -> viewModel.execute(hold, why)));
  }

  private Optional<String> confirm(HeldRemoval hold) {
    Label consequence = new Label(hold.consequence());
    consequence.setId("holdConsequence");
    consequence.getStyleClass().add("scale-change");
    Label names = new Label(viewModel.vanishedProperty().get());
    names.setWrapText(true);
    names.setMaxWidth(480);
    return Dialogs.confirmWithReason(
        root.getScene().getWindow(),
        "Release removal hold",
        "Release the hold of " + hold.scaleSet() + "? Discovery is then published as it is.",
        RELEASE,
        new Dialogs.Ids("releaseAuditReason", "confirmRelease"),
        consequence,
        names);
  }

  public Parent root() {
    return root;
  }
}
