package io.scalemesh.console.client;

/** Gives the current access token of a signed-in connection, refreshing it first if it must. */
public interface AccessTokens {
  /** For a console without sign-in: every connection must bring its own token. */
  AccessTokens NONE =
      signIn -> {
        throw new IllegalStateException("sign-in is not available");
      };

  /**
   * @throws IllegalStateException when nobody is signed in, or the token cannot be refreshed; its
   *     message says which, for the operator
   */
  String token(SignIn signIn);
}
