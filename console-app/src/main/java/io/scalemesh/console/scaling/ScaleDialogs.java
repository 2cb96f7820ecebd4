package io.scalemesh.console.scaling;

import io.scalemesh.console.ui.Dialogs;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/** The dialogs of manual scaling: choosing a capacity, and confirming a change with its reason. */
public final class ScaleDialogs {
  private static final ButtonType SCALE = new ButtonType("Scale", ButtonData.OK_DONE);
  private static final ButtonType NEXT = new ButtonType("Next", ButtonData.OK_DONE);

  private ScaleDialogs() {}

  /**
   * Shows "current -> new", the bounds and what autoscale may do, asks for a reason (it goes to the
   * audit log).
   *
   * @return the reason, if the operator confirmed
   */
  public static Optional<String> confirm(
      Window owner, ScaleProposal proposal, ReadOnlyIntegerProperty capacityNow) {
    Label change = new Label(proposal.change());
    change.setId("scaleChange");
    change.getStyleClass().add("scale-change");
    Label warning = new Label(proposal.warning().orElse(""));
    warning.setId("scaleWarning");
    warning.getStyleClass().add("scale-reason");
    warning.setWrapText(true);
    warning.setPrefWidth(420);
    warning.setMinHeight(Region.USE_PREF_SIZE);
    warning.setVisible(proposal.warning().isPresent());
    warning.setManaged(proposal.warning().isPresent());
    // The capacity may move while the dialog is open (autoscale): then what it says is no longer
    // true, and Scale is disabled rather than asking for a change nobody read.
    BooleanBinding outdated = capacityNow.isNotEqualTo(proposal.current());
    Label moved = new Label();
    moved.setId("scaleOutdated");
    moved.getStyleClass().add("notification-error");
    moved
        .textProperty()
        .bind(
            Bindings.when(outdated)
                .then(
                    Bindings.concat("The capacity is now ", capacityNow, ": cancel and ask again."))
                .otherwise(""));
    return Dialogs.confirmWithReason(
        owner,
        "Confirm scaling",
        "Change the capacity of " + proposal.scaleSet() + "?",
        SCALE,
        new Dialogs.Ids("scaleReason", "confirmScale"),
        outdated,
        change,
        new Label(proposal.bounds()),
        warning,
        moved);
  }

  /**
   * Asks for a capacity within the bounds; the Next button stays disabled with the reason
   * otherwise.
   */
  public static Optional<ScaleProposal> askCapacity(Window owner, ScaleViewModel scaling) {
    Dialog<ButtonType> dialog = Dialogs.dialog(owner, "Set capacity", NEXT);
    int current = scaling.currentCapacity();
    // Room beyond the maximum, so that an operator sees why such a value is refused.
    Spinner<Integer> capacity = new Spinner<>(0, scaling.maximumCapacity() + 10, current);
    capacity.setId("capacitySpinner");
    capacity.setEditable(true);
    Label problem = new Label();
    problem.getStyleClass().add("scale-reason");
    capacity
        .valueProperty()
        .addListener((property, before, after) -> problem.setText(scaling.check(after).orElse("")));
    problem.setText(scaling.check(current).orElse(""));
    dialog
        .getDialogPane()
        .lookupButton(NEXT)
        .disableProperty()
        .bind(problem.textProperty().isNotEmpty());
    dialog.setHeaderText("New capacity");
    dialog.getDialogPane().setContent(Dialogs.box(capacity, problem));
    return dialog
        .showAndWait()
        .filter(NEXT::equals)
        .flatMap(button -> scaling.proposeCapacity(capacity.getValue()));
  }
}
