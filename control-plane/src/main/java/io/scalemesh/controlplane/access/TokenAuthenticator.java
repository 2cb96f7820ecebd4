package io.scalemesh.controlplane.access;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.scalemesh.controlplane.config.ConsoleApiConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads the bearer token of each call and puts who it belongs to in the call's context. It rejects
 * nothing itself: each method decides what it needs and says so (and the Scale method audits even
 * calls without a valid token). Tokens are compared by hash and never logged.
 */
public final class TokenAuthenticator implements ServerInterceptor {
  private static final Context.Key<Caller> CALLER = Context.key("scalemesh-caller");
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "Bearer ";

  private final List<ConsoleApiConfig.Token> tokens;

  public TokenAuthenticator(List<ConsoleApiConfig.Token> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  /** The caller of the current call, if it presented a known token. */
  public static Optional<Caller> caller() {
    return Optional.ofNullable(CALLER.get());
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Caller caller = authenticate(headers.get(AUTHORIZATION));
    return caller == null
        ? next.startCall(call, headers)
        : Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
  }

  private Caller authenticate(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    byte[] presented = sha256(authorization.substring(BEARER.length()).trim());
    for (ConsoleApiConfig.Token token : tokens) {
      if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(token.sha256()))) {
        return new Caller(token.identity(), token.role());
      }
    }
    return null;
  }

  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
