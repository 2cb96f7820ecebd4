package io.scalemesh.controlplane.access;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.scalemesh.controlplane.config.ConsoleApiConfig;
import io.scalemesh.controlplane.config.OidcConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bearer token of each call and puts who it belongs to in the call's context: a static
 * token's identity, or the person an access token of the configured OIDC issuer names. It rejects
 * nothing itself: each method decides what it needs and says so (and the Scale method audits even
 * calls without a valid token). Static tokens are compared by hash; no token is ever logged, only
 * why an access token was refused.
 */
public final class TokenAuthenticator implements ServerInterceptor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TokenAuthenticator.class);
  private static final Context.Key<Caller> CALLER = Context.key("scalemesh-caller");
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "Bearer ";

  private final List<ConsoleApiConfig.Token> tokens;
  private final Optional<AccessTokenVerifier> accessTokens;

  /**
   * @param accessTokens the verifier of the OIDC issuer's access tokens, if one is configured
   */
  public TokenAuthenticator(
      List<ConsoleApiConfig.Token> tokens, Optional<AccessTokenVerifier> accessTokens) {
    this.tokens = List.copyOf(tokens);
    this.accessTokens = accessTokens;
  }

  /** Static tokens, and access tokens when {@code oidc} is enabled. */
  public static TokenAuthenticator of(ConsoleApiConfig config) {
    return new TokenAuthenticator(
        config.tokens(),
        Optional.ofNullable(config.oidc())
            .filter(OidcConfig::enabled)
            .map(AccessTokenVerifier::new));
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
    String presented = authorization.substring(BEARER.length()).trim();
    byte[] hash = sha256(presented);
    for (ConsoleApiConfig.Token token : tokens) {
      if (MessageDigest.isEqual(hash, HexFormat.of().parseHex(token.sha256()))) {
        return new Caller(token.identity(), token.role());
      }
    }
    if (accessTokens.isEmpty() || presented.isEmpty()) {
      return null;
    }
    return switch (accessTokens.get().verify(presented)) {
      case AccessTokenVerifier.Accepted accepted -> accepted.caller();
      case AccessTokenVerifier.Refused refused -> {
        LOG.warn("console API: an access token was refused: {}", refused.reason());
        yield null;
      }
    };
  }

  @Override
  public void close() {
    accessTokens.ifPresent(AccessTokenVerifier::close);
  }

  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
