package io.scalemesh.console.scaling;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The dialogs of manual scaling: choosing a capacity, and confirming a change with its reason. */
public final class ScaleDialogs {
  private static final ButtonType SCALE = new ButtonType("Scale", ButtonData.OK_DONE);
  private static final ButtonType NEXT = new ButtonType("Next", ButtonData.OK_DONE);

  private ScaleDialogs() {}

  /**
   * Shows "current -> new" and the bounds, asks for a reason (it goes to the audit log).
   *
   * @return the reason, if the operator confirmed
   */
  public static Optional<String> confirm(Window owner, ScaleProposal proposal) {
    Dialog<ButtonType> dialog = dialog(owner, "Confirm scaling", SCALE);
    TextField reason = new TextField();
    reason.setId("scaleReason");
    reason.setPromptText("why (written to the audit log)");
    Label change = new Label(proposal.change());
    change.setId("scaleChange");
    change.getStyleClass().add("scale-change");
    dialog.setHeaderText("Change the capacity of " + proposal.scaleSet() + "?");
    dialog.getDialogPane().setContent(box(change, new Label(proposal.bounds()), new Label("Reason"), reason));
    dialog.getDialogPane().lookupButton(SCALE).setId("confirmScale");
    dialog.setOnShown(event -> reason.requestFocus());
    return dialog.showAndWait().filter(SCALE::equals).map(button -> reason.getText());
  }

  /** Asks for a capacity within the bounds; the Next button stays disabled with the reason otherwise. */
  public static Optional<ScaleProposal> askCapacity(Window owner, ScaleViewModel scaling) {
    Dialog<ButtonType> dialog = dialog(owner, "Set capacity", NEXT);
    int current = scaling.currentCapacity();
    // Room beyond the maximum, so that an operator sees why such a value is refused.
    Spinner<Integer> capacity = new Spinner<>(0, scaling.maximumCapacity() + 10, current);
    capacity.setId("capacitySpinner");
    capacity.setEditable(true);
    Label problem = new Label();
    problem.getStyleClass().add("scale-reason");
    capacity.valueProperty().addListener((property, before, after) -> problem.setText(scaling.check(after).orElse("")));
    problem.setText(scaling.check(current).orElse(""));
    dialog.getDialogPane().lookupButton(NEXT).disableProperty().bind(problem.textProperty().isNotEmpty());
    dialog.setHeaderText("New capacity");
    dialog.getDialogPane().setContent(box(capacity, problem));
    return dialog.showAndWait().filter(NEXT::equals).flatMap(button -> scaling.proposeCapacity(capacity.getValue()));
  }

  private static Dialog<ButtonType> dialog(Window owner, String title, ButtonType action) {
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle(title);
    dialog.getDialogPane().getButtonTypes().setAll(action, ButtonType.CANCEL);
    return dialog;
  }

  private static VBox box(Node... children) {
    VBox box = new VBox(8, children);
    box.setPadding(new Insets(8, 0, 0, 0));
    return box;
  }
}
