package io.scalemesh.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.scalemesh.controlplane.config.ScalemeshConfig.Listen;
import io.scalemesh.controlplane.config.ScalemeshConfig.ServerTls;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The console API (gRPC status stream and scale actions): where it listens, and who may use it. In
 * YAML the listen keys sit beside the others: {@code console_api: {address, port, tls, tokens,
 * oidc, audit_log}}.
 *
 * @param listen where it listens, and its TLS (with a client CA, to require client certificates)
 * @param tokens who may call it; each bearer token is given by its SHA-256, never in clear
 * @param oidc the issuer whose access tokens are accepted too (people signed in with Entra ID)
 * @param auditLog the JSON-lines file every scale request is appended to
 */
public record ConsoleApiConfig(Listen listen, List<Token> tokens, OidcConfig oidc, Path auditLog) {

  public ConsoleApiConfig {
    tokens = List.copyOf(tokens);
    Set<String> seen = new HashSet<>();
    for (Token token : tokens) {
      if (!seen.add(token.sha256())) {
        throw new IllegalArgumentException(
            "tokens: the token of '" + token.identity() + "' is listed twice");
      }
    }
  }

  @JsonCreator
  private static ConsoleApiConfig of(
      @JsonProperty("address") String address,
      @JsonProperty("port") int port,
      @JsonProperty("tls") ServerTls tls,
      @JsonProperty("tokens") List<Token> tokens,
      @JsonProperty("oidc") OidcConfig oidc,
      @JsonProperty("audit_log") Path auditLog) {
    return new ConsoleApiConfig(new Listen(address, port, tls), tokens, oidc, auditLog);
  }

  /** Who may do what. */
  public enum Role {
    /** Watches the status stream. */
    VIEWER,
    /** Watches and changes capacity. */
    OPERATOR
  }

  /**
   * @param identity who presents it, as written in the audit log
   * @param role what they may do
   * @param sha256 the SHA-256 of the token, in hex ({@code printf %s "$TOKEN" | sha256sum})
   */
  public record Token(String identity, Role role, String sha256) {
    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    public Token {
      if (identity == null || identity.isBlank() || role == null) {
        throw new IllegalArgumentException(
            "a token needs an identity and a role (viewer or operator)");
      }
      if (sha256 == null || !HEX_256.matcher(sha256).matches()) {
        throw new IllegalArgumentException(
            "the sha256 of the token of '" + identity + "' must be 64 lower-case hex digits");
      }
    }
  }
}
