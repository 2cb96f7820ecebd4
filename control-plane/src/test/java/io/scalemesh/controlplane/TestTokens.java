package io.scalemesh.controlplane;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.scalemesh.controlplane.access.TokenAuthenticator;
import java.util.HexFormat;
import java.util.concurrent.Executor;

/** Bearer tokens for console API tests: how a client presents one, and how the config names it. */
public final class TestTokens {
  private TestTokens() {}

  /** Presents {@code token} as a console client does. */
  public static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        applier.apply(headers);
      }
    };
  }

  /** The token's SHA-256 in hex, as a config's {@code tokens[].sha256}. */
  public static String sha(String token) {
    return HexFormat.of().formatHex(TokenAuthenticator.sha256(token));
  }
}
