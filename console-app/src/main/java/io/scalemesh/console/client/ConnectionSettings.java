package io.scalemesh.console.client;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a control plane's console API listens and how to talk to it.
 *
 * @param address host:port of the console API
 * @param token the static bearer token sent with every call, unless the person signs in
 * @param tls whether to use TLS
 * @param caFile a CA certificate (PEM) to trust instead of the system's, for TLS only
 * @param signIn how to sign in instead; then each call sends the signed-in person's access token
 */
public record ConnectionSettings(
    String address, String token, boolean tls, Optional<Path> caFile, Optional<SignIn> signIn) {
  public ConnectionSettings {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(signIn, "signIn");
    if (address.isBlank()) {
      throw new IllegalArgumentException("the address is empty");
    }
  }

  /** With a static token. */
  public ConnectionSettings(String address, String token, boolean tls, Optional<Path> caFile) {
    this(address, token, tls, caFile, Optional.empty());
  }

  public static ConnectionSettings plaintext(String address, String token) {
    return new ConnectionSettings(address, token, false, Optional.empty());
  }
}
