package io.scalemesh.controlplane.config;

import io.scalemesh.controlplane.config.ScalemeshConfig.ServerTls;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The console API (gRPC status stream and scale actions).
 *
 * @param address where it listens
 * @param port its port
 * @param tls certificate and key, to serve TLS (and a client CA, to require client certificates);
 *     plaintext without (fit for loopback only)
 * @param tokens who may call it; each bearer token is given by its SHA-256, never in clear
 * @param auditLog the JSON-lines file every scale request is appended to
 */
public record ConsoleApiConfig(String address, Integer port, ServerTls tls, List<Token> tokens, Path auditLog) {

  public ConsoleApiConfig {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("address must not be empty");
    }
    port = port == null ? 18090 : port;
    Ports.check(port);
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
    auditLog = auditLog == null ? Path.of("scalemesh-audit.jsonl") : auditLog;
    Set<String> seen = new HashSet<>();
    for (Token token : tokens) {
      if (!seen.add(token.sha256())) {
        throw new IllegalArgumentException("tokens: the token of '" + token.identity() + "' is listed twice");
      }
    }
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
        throw new IllegalArgumentException("a token needs an identity and a role (viewer or operator)");
      }
      if (sha256 == null || !HEX_256.matcher(sha256).matches()) {
        throw new IllegalArgumentException("the sha256 of the token of '" + identity + "' must be 64 lower-case hex digits");
      }
    }
  }
}
