package io.scalemesh.console.connection;

import io.scalemesh.console.client.ConnectionSettings;
import io.scalemesh.console.settings.SavedConnection;
import io.scalemesh.console.signin.SignInPane;
import io.scalemesh.console.signin.SignInViewModel;
import io.scalemesh.console.ui.Dialogs;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Chooses a saved control plane or describes a new one: name, address, a token or a sign-in with
 * Microsoft, TLS and CA file.
 */
public final class ConnectionDialog {
  private static final ButtonType CONNECT = new ButtonType("Connect", ButtonData.OK_DONE);

  private final ConnectionViewModel viewModel;
  private final ComboBox<SavedConnection> saved = new ComboBox<>();
  private final TextField name = new TextField();
  private final TextField address = new TextField("127.0.0.1:18090");
  private final PasswordField token = new PasswordField();
  private final CheckBox tls = new CheckBox("TLS");
  private final TextField caFile = new TextField();
  private final SignInPane signIn;

  public ConnectionDialog(ConnectionViewModel viewModel, SignInViewModel signIn) {
    this.viewModel = viewModel;
    name.setId("connectionName");
    address.setId("connectionAddress");
    this.signIn = new SignInPane(signIn);
  }

  /** Shows the dialog; connects (and saves the connection) if the operator says so. */
  public void show(Window owner) {
    Dialog<ButtonType> dialog = Dialogs.dialog(owner, "Connect to a control plane", CONNECT);
    dialog.getDialogPane().lookupButton(CONNECT).setId("connect");
    dialog.getDialogPane().setContent(form(owner));
    dialog
        .getDialogPane()
        .lookupButton(CONNECT)
        .disableProperty()
        .bind(
            name.textProperty()
                .isEmpty()
                .or(address.textProperty().isEmpty())
                .or(token.textProperty().isEmpty().and(signIn.signedInProperty().not())));
    saved.getItems().setAll(viewModel.saved());
    saved.valueProperty().addListener((property, before, after) -> fill(after));
    viewModel.settings().lastConnection().ifPresent(saved::setValue);
    dialog
        .showAndWait()
        .filter(CONNECT::equals)
        .ifPresent(button -> viewModel.connect(connection()));
  }

  private GridPane form(Window owner) {
    Button forget = new Button("Forget");
    forget.disableProperty().bind(saved.valueProperty().isNull());
    forget.setOnAction(
        event -> {
          viewModel.forget(saved.getValue().name());
          saved.getItems().setAll(viewModel.saved());
        });
    Button browse = new Button("Browse...");
    browse.setOnAction(
        event -> {
          File chosen = new FileChooser().showOpenDialog(owner);
          if (chosen != null) {
            caFile.setText(chosen.getPath());
          }
        });
    caFile.disableProperty().bind(tls.selectedProperty().not());
    browse.disableProperty().bind(tls.selectedProperty().not());
    token.setPromptText("bearer token, or sign in below");
    GridPane form = new GridPane(8, 8);
    form.setPadding(new Insets(8));
    form.addRow(0, new Label("Saved"), saved, forget);
    form.addRow(1, new Label("Name"), name);
    form.addRow(2, new Label("Address"), address);
    form.addRow(3, new Label("Token"), token);
    int next = signIn.addTo(form, 4);
    form.addRow(next, new Label(""), tls);
    form.addRow(next + 1, new Label("CA file"), caFile, browse);
    return form;
  }

  private void fill(SavedConnection connection) {
    if (connection == null) {
      return;
    }
    name.setText(connection.name());
    address.setText(connection.settings().address());
    token.setText(connection.settings().token());
    tls.setSelected(connection.settings().tls());
    caFile.setText(connection.settings().caFile().map(Path::toString).orElse(""));
    signIn.fill(connection.settings().signIn());
  }

  private SavedConnection connection() {
    String ca = caFile.getText().strip();
    return new SavedConnection(
        name.getText().strip(),
        new ConnectionSettings(
            address.getText().strip(),
            token.getText().strip(),
            tls.isSelected(),
            tls.isSelected() && !ca.isEmpty() ? Optional.of(Path.of(ca)) : Optional.empty(),
            signIn.signedIn()));
  }
}
