package io.scalemesh.controlplane.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.scalemesh.controlplane.config.ConsoleApiConfig.Role;
import io.scalemesh.controlplane.config.OidcConfig;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies OAuth 2.0 access tokens (JWTs) of the configured OpenID Connect issuer and says whose
 * they are. Keys come from the issuer's JWKS through nimbus-jose-jwt's {@link JWKSourceBuilder}:
 * cached (5 minutes), refreshed ahead of expiry in the background, fetched at most twice in 30
 * seconds (an unknown key id, as after a rotation, may fetch at once; a flood of made-up ones may
 * not), and kept for up to a day while the key endpoint is down.
 */
public final class AccessTokenVerifier implements AutoCloseable {
  /**
   * Entra's access tokens are 1.5-5 KB (a large {@code groups} claim turns into an overage link
   * rather than growing without end); anything near this size is not one of them, and is refused
   * before it is decoded.
   */
  public static final int MAX_TOKEN_CHARS = 16 * 1024;

  private static final int MAX_REASON_CHARS = 200;
  private static final Duration OUTAGE_TOLERANCE = Duration.ofDays(1);
  private static final int JWKS_TIMEOUT_MILLIS = 5_000;
  private static final int JWKS_SIZE_LIMIT = 256 * 1024;

  private final OidcConfig config;
  private final JWKSource<SecurityContext> keys;
  private final DefaultJWTProcessor<SecurityContext> processor;

  public AccessTokenVerifier(OidcConfig config) {
    this.config = config;
    try {
      keys =
          JWKSourceBuilder.<SecurityContext>create(
                  config.jwksUri().toURL(),
                  new DefaultResourceRetriever(
                      JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT))
              .cache(true)
              .refreshAheadCache(true)
              .rateLimited(true)
              .outageTolerant(OUTAGE_TOLERANCE.toMillis())
              .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("oidc.jwks_uri is not a URL: " + config.jwksUri(), e);
    }
    processor = new DefaultJWTProcessor<>();
    // Entra's access tokens say typ JWT; ID tokens and others say the same, so the audience
    // and the roles, not the type, are what tell an access token for this API apart.
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            config.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet()),
            keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            Set.copyOf(config.audiences()), null, Set.of("iss", "sub", "exp"), null);
    claims.setMaxClockSkew(config.clockSkewSeconds());
    processor.setJWTClaimsSetVerifier(
        (claimSet, context) -> {
          if (!config.issuers().contains(claimSet.getIssuer())) {
            throw new BadJWTException(
                "issuer " + shorten(claimSet.getIssuer(), 100) + " is not configured");
          }
          claims.verify(claimSet, context);
        });
  }

  /** Stops the background refresh of the keys. */
  @Override
  public void close() {
    if (keys instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The verdict on one presented token. */
  public sealed interface Verdict {}

  /** The token is valid and carries one of the two roles. */
  public record Accepted(Caller caller) implements Verdict {}

  /**
   * @param reason why, fit for a log line: it never quotes the token
   */
  public record Refused(String reason) implements Verdict {}

  public Verdict verify(String token) {
    if (token.length() > MAX_TOKEN_CHARS) {
      return new Refused("longer than " + MAX_TOKEN_CHARS + " characters");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      return new Refused("not a readable JWT");
    } catch (BadJOSEException | JOSEException e) {
      return new Refused(shorten(e.getMessage(), MAX_REASON_CHARS));
    } catch (RuntimeException e) {
      // Whatever a hostile token makes the parser do, the caller gets one clear refusal.
      return new Refused("not a readable JWT (" + e.getClass().getSimpleName() + ")");
    }
    return accept(claims);
  }

  private Verdict accept(JWTClaimsSet claims) {
    List<String> roles;
    try {
      roles = claims.getStringListClaim("roles");
    } catch (ParseException e) {
      return new Refused("its roles claim is not a list of names");
    }
    Role role = role(roles == null ? List.of() : roles);
    if (role == null) {
      return new Refused(
          "it carries neither app role "
              + config.roles().viewer()
              + " nor "
              + config.roles().operator());
    }
    return new Accepted(new Caller(PersonName.of(claims), role));
  }

  private Role role(List<String> roles) {
    if (roles.contains(config.roles().operator())) {
      return Role.OPERATOR;
    }
    return roles.contains(config.roles().viewer()) ? Role.VIEWER : null;
  }

  /** At most {@code max} printable ASCII characters of {@code text}, for a log line. */
  static String shorten(String text, int max) {
    if (text == null) {
      return "(none)";
    }
    String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() <= max ? printable : printable.substring(0, max) + "...";
  }
}
