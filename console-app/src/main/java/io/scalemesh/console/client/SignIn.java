package io.scalemesh.console.client;

import java.util.Objects;

/**
 * How a connection's person signs in with Microsoft Entra ID (or another OpenID Connect issuer)
 * instead of presenting a static token. None of it is secret.
 *
 * @param authority {@code https://login.microsoftonline.com/<tenant id>}, or another issuer's URL
 * @param clientId the console's app registration (a public client)
 * @param scope the control plane API's scope, e.g. {@code api://scalemesh/Console.Use}
 */
public record SignIn(String authority, String clientId, String scope) {
  public SignIn {
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(scope, "scope");
  }
}
