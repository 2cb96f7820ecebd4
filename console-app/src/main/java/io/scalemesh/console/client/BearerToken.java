package io.scalemesh.console.client;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Sends {@code authorization: Bearer <token>} with every call, as the console API expects: a static
 * token, or the signed-in person's current access token, asked for at each call (off the calling
 * thread: a refresh talks to the identity provider) so that it is refreshed before it expires.
 */
public final class BearerToken extends CallCredentials {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Supplier<String> token;

  private BearerToken(Supplier<String> token) {
    this.token = token;
  }

  /** The connection's static token, or its signed-in person's from {@code accessTokens}. */
  public static BearerToken of(ConnectionSettings settings, AccessTokens accessTokens) {
    return settings
        .signIn()
        .map(signIn -> new BearerToken(() -> accessTokens.token(signIn)))
        .orElseGet(() -> new BearerToken(settings::token));
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
    executor.execute(
        () -> {
          String current;
          try {
            current = token.get();
          } catch (IllegalStateException e) {
            applier.fail(Status.UNAUTHENTICATED.withDescription(e.getMessage()));
            return;
          }
          Metadata headers = new Metadata();
          headers.put(AUTHORIZATION, "Bearer " + current);
          applier.apply(headers);
        });
  }
}
