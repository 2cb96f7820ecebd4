package io.scalemesh.controlplane;

import io.grpc.CallCredentials;
import io.scalemesh.controlplane.access.TokenAuthenticator;
import io.scalemesh.model.console.BearerToken;
import java.util.HexFormat;

/** Bearer tokens for console API tests: how a client presents one, and how the config names it. */
public final class TestTokens {
  private TestTokens() {}

  /** Presents {@code token} as a console client does. */
  public static CallCredentials bearer(String token) {
    return new BearerToken(token);
  }

  /** The token's SHA-256 in hex, as a config's {@code tokens[].sha256}. */
  public static String sha(String token) {
    return HexFormat.of().formatHex(TokenAuthenticator.sha256(token));
  }
}
