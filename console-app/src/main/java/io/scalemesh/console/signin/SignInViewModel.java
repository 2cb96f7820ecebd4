package io.scalemesh.console.signin;

import io.scalemesh.console.client.SignIn;
import io.scalemesh.console.settings.SecretStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * "Sign in with Microsoft" beside the token: who is signed in for a connection's sign-in settings,
 * the commands to sign in (browser or device code) and out, and where the tokens are kept (or that
 * they are kept in memory only, where the machine has no secret store).
 */
public final class SignInViewModel {
  private final MicrosoftSignIn service;
  private final Executor ui;
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Not signed in");
  private final ReadOnlyStringWrapper instructions = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper signedIn = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
  private final String storage;

  /**
   * @param ui where results are applied (the FX thread)
   */
  public SignInViewModel(MicrosoftSignIn service, Executor ui, SecretStore secrets) {
    this.service = service;
    this.ui = ui;
    this.storage =
        secrets.persistent()
            ? "Tokens are kept in " + secrets.where() + "."
            : secrets.where() + ".";
  }

  /** Shows who is signed in for {@code signIn} already (from the token cache). */
  public void show(Optional<SignIn> signIn) {
    Optional<String> who = signIn.flatMap(service::signedIn);
    signedIn.set(who.isPresent());
    status.set(who.map(name -> "Signed in as " + name).orElse("Not signed in"));
  }

  public void signInWithBrowser(SignIn signIn) {
    run(service.withBrowser(signIn), "Signing in in your browser ...");
  }

  public void signInWithDeviceCode(SignIn signIn) {
    run(
        service.withDeviceCode(signIn, text -> ui.execute(() -> instructions.set(text))),
        "Waiting for the device code to be entered ...");
  }

  public void signOut(SignIn signIn) {
    service.signOut(signIn);
    instructions.set("");
    show(Optional.of(signIn));
  }

  private void run(CompletableFuture<String> signingIn, String meanwhile) {
    busy.set(true);
    status.set(meanwhile);
    signingIn.whenCompleteAsync(
        (who, error) -> {
          busy.set(false);
          instructions.set("");
          signedIn.set(error == null);
          status.set(error == null ? "Signed in as " + who : "Sign-in failed: " + reason(error));
        },
        ui);
  }

  private static String reason(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** "Signed in as ...", "Not signed in", or how signing in goes. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The device code's instructions while they are needed. */
  public ReadOnlyStringProperty instructionsProperty() {
    return instructions.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty signedInProperty() {
    return signedIn.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** Where tokens are kept, or that they are kept in memory only. */
  public String storage() {
    return storage;
  }
}
