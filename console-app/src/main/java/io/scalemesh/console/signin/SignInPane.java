package io.scalemesh.console.signin;

import io.scalemesh.console.client.SignIn;
import java.util.Optional;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/**
 * The connection dialog's sign-in part: the tenant's authority, the console's client id and the
 * API's scope, "Sign in with Microsoft" (the browser), "Device code" and "Sign out", with who is
 * signed in and where the tokens are kept.
 */
public final class SignInPane {
  private final SignInViewModel viewModel;
  private final TextField authority = new TextField();
  private final TextField clientId = new TextField();
  private final TextField scope = new TextField();

  public SignInPane(SignInViewModel viewModel) {
    this.viewModel = viewModel;
    authority.setId("signInAuthority");
    authority.setPromptText("https://login.microsoftonline.com/<tenant id>");
    clientId.setId("signInClientId");
    clientId.setPromptText("the console's application (client) id");
    scope.setId("signInScope");
    scope.setPromptText("api://scalemesh/Console.Use");
  }

  /** Adds its rows to {@code form} from {@code row} on; returns the next free row. */
  public int addTo(GridPane form, int row) {
    BooleanBinding incomplete =
        authority
            .textProperty()
            .isEmpty()
            .or(clientId.textProperty().isEmpty())
            .or(scope.textProperty().isEmpty())
            .or(viewModel.busyProperty());
    Button browser = new Button("Sign in with Microsoft");
    browser.setId("signInWithBrowser");
    browser.disableProperty().bind(incomplete);
    browser.setOnAction(event -> viewModel.signInWithBrowser(settings().orElseThrow()));
    Button deviceCode = new Button("Device code");
    deviceCode.disableProperty().bind(incomplete);
    deviceCode.setOnAction(event -> viewModel.signInWithDeviceCode(settings().orElseThrow()));
    Button signOut = new Button("Sign out");
    signOut.setId("signOut");
    signOut.disableProperty().bind(viewModel.signedInProperty().not());
    signOut.setOnAction(event -> viewModel.signOut(settings().orElseThrow()));
    Label status = new Label();
    status.setId("signInStatus");
    status.textProperty().bind(viewModel.statusProperty());
    Label instructions = new Label();
    instructions.setWrapText(true);
    instructions.textProperty().bind(viewModel.instructionsProperty());
    Label storage = new Label(viewModel.storage());
    storage.setWrapText(true);
    storage.setMaxWidth(420);
    form.addRow(row, new Label("Authority"), authority);
    form.addRow(row + 1, new Label("Client id"), clientId);
    form.addRow(row + 2, new Label("Scope"), scope);
    form.addRow(row + 3, new Label(""), new HBox(8, browser, deviceCode, signOut));
    form.addRow(row + 4, new Label(""), status);
    form.addRow(row + 5, new Label(""), instructions);
    form.addRow(row + 6, new Label(""), storage);
    return row + 7;
  }

  /** The sign-in settings typed in, when all three are. */
  public Optional<SignIn> settings() {
    String a = authority.getText().strip();
    String c = clientId.getText().strip();
    String s = scope.getText().strip();
    return a.isEmpty() || c.isEmpty() || s.isEmpty()
        ? Optional.empty()
        : Optional.of(new SignIn(a, c, s));
  }

  /** The sign-in to connect with: the settings, while someone is signed in with them. */
  public Optional<SignIn> signedIn() {
    return viewModel.signedInProperty().get() ? settings() : Optional.empty();
  }

  /** Fills the fields from a saved connection's sign-in, and shows who is signed in for it. */
  public void fill(Optional<SignIn> signIn) {
    authority.setText(signIn.map(SignIn::authority).orElse(""));
    clientId.setText(signIn.map(SignIn::clientId).orElse(""));
    scope.setText(signIn.map(SignIn::scope).orElse(""));
    viewModel.show(signIn);
  }

  /** Whether someone is signed in, for the dialog's Connect button. */
  public ReadOnlyBooleanProperty signedInProperty() {
    return viewModel.signedInProperty();
  }
}
