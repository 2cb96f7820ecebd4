package io.scalemesh.console.ui;

import java.util.Optional;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The parts the console's dialogs share: an action with Cancel, and confirming a change with a
 * reason.
 */
public final class Dialogs {
  private Dialogs() {}

  /**
   * A dialog owned by {@code owner}, styled like it, with the buttons {@code action} and Cancel.
   */
  public static Dialog<ButtonType> dialog(Window owner, String title, ButtonType action) {
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle(title);
    dialog.getDialogPane().getButtonTypes().setAll(action, ButtonType.CANCEL);
    // A dialog is a scene of its own: give it the window's stylesheet and theme (.console, .dark).
    Scene window = owner.getScene();
    dialog.getDialogPane().getStylesheets().setAll(window.getStylesheets());
    dialog.getDialogPane().getStyleClass().addAll(window.getRoot().getStyleClass());
    return dialog;
  }

  /**
   * Shows what a change will do ({@code facts}) and asks for a reason, which goes to the control
   * plane's audit log with it.
   *
   * @param ids the ids of the reason field and the confirming button, for tests
   * @return the reason, if the operator confirmed
   */
  public static Optional<String> confirmWithReason(
      Window owner, String title, String header, ButtonType action, Ids ids, Node... facts) {
    return confirmWithReason(owner, title, header, action, ids, new SimpleBooleanProperty(), facts);
  }

  /**
   * As {@link #confirmWithReason(Window, String, String, ButtonType, Ids, Node...)}, with the
   * confirming button disabled while {@code outdated} is true (what the facts say no longer holds).
   */
  public static Optional<String> confirmWithReason(
      Window owner,
      String title,
      String header,
      ButtonType action,
      Ids ids,
      ObservableBooleanValue outdated,
      Node... facts) {
    Dialog<ButtonType> dialog = dialog(owner, title, action);
    TextField reason = new TextField();
    reason.setId(ids.reason());
    reason.setPromptText("why (written to the audit log)");
    VBox content = box(facts);
    content.getChildren().addAll(new Label("Reason"), reason);
    dialog.setHeaderText(header);
    dialog.getDialogPane().setContent(content);
    dialog.getDialogPane().lookupButton(action).setId(ids.confirm());
    dialog.getDialogPane().lookupButton(action).disableProperty().bind(outdated);
    dialog.setOnShown(event -> reason.requestFocus());
    return dialog.showAndWait().filter(action::equals).map(button -> reason.getText());
  }

  /** The ids of a confirmation's reason field and button. */
  public record Ids(String reason, String confirm) {}

  public static VBox box(Node... children) {
    VBox box = new VBox(8, children);
    box.setPadding(new Insets(8, 0, 0, 0));
    return box;
  }
}
