package io.scalemesh.console.connection;

import io.scalemesh.console.client.ConnectionSettings;
import io.scalemesh.console.settings.SavedConnection;
import io.scalemesh.console.signin.SignInPane;
import io.scalemesh.console.signin.SignInViewModel;
import io.scalemesh.console.ui.Dialogs;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.event.ActionEvent;
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
 * Microsoft, TLS and CA file. Connect first tests the connection and stays open with the reason if
 * it fails: nothing is saved and the current connection is kept until the new one has answered.
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
  private final Label problem = new Label();

  public ConnectionDialog(ConnectionViewModel viewModel, SignInViewModel signIn) {
    this.viewModel = viewModel;
    name.setId("connectionName");
    address.setId("connectionAddress");
    this.signIn = new SignInPane(signIn);
  }

  /** Shows the dialog; connects (and saves the connection once live) if the test succeeds. */
  public void show(Window owner) {
    Dialog<ButtonType> dialog = Dialogs.dialog(owner, "Connect to a control plane", CONNECT);
    dialog.getDialogPane().setContent(form(owner));
    Button connect = (Button) dialog.getDialogPane().lookupButton(CONNECT);
    connect.setId("connectButton");
    BooleanProperty testing = new SimpleBooleanProperty();
    connect
        .disableProperty()
        .bind(
            name.textProperty()
                .isEmpty()
                .or(address.textProperty().isEmpty())
                .or(token.textProperty().isEmpty().and(signIn.signedInProperty().not()))
                .or(testing));
    address
        .textProperty()
        .addListener(
            (property, before, after) ->
                problem.setText(
                    after.isBlank() ? "" : ConnectionSettings.problem(after).orElse("")));
    // Connect tests first; the dialog closes only when the control plane has answered.
    connect.addEventFilter(
        ActionEvent.ACTION,
        event -> {
          event.consume();
          SavedConnection candidate;
          try {
            candidate = connection();
          } catch (IllegalArgumentException invalid) {
            problem.setText(invalid.getMessage());
            return;
          }
          testing.set(true);
          problem.setText("Testing " + candidate.settings().address() + " ...");
          viewModel
              .test(candidate)
              .thenAccept(
                  failure -> {
                    testing.set(false);
                    if (failure.isPresent()) {
                      problem.setText("Not connected: " + failure.get());
                    } else {
                      viewModel.connect(candidate);
                      dialog.setResult(CONNECT);
                      dialog.close();
                    }
                  });
        });
    saved.getItems().setAll(viewModel.saved());
    saved.valueProperty().addListener((property, before, after) -> fill(after));
    viewModel.settings().lastConnection().ifPresent(saved::setValue);
    dialog.showAndWait();
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
    token.setId("connectionToken");
    GridPane form = new GridPane(8, 8);
    form.setPadding(new Insets(8));
    form.addRow(0, new Label("Saved"), saved, forget);
    form.addRow(1, new Label("Name"), name);
    form.addRow(2, new Label("Address"), address);
    form.addRow(3, new Label("Token"), token);
    int next = signIn.addTo(form, 4);
    form.addRow(next, new Label(""), tls);
    form.addRow(next + 1, new Label("CA file"), caFile, browse);
    problem.setId("connectionProblem");
    problem.getStyleClass().add("scale-reason");
    problem.setWrapText(true);
    problem.setMaxWidth(360);
    form.add(problem, 1, next + 2, 2, 1);
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
