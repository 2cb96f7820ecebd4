package io.scalemesh.console.client;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    problem(address)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
  }

  /** HOST:PORT, or [IPv6]:PORT. */
  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\s\\[\\]]+):(\\d{1,5})");

  /**
   * What is wrong with an address, if anything: gRPC would take "cp.example" and try port 443 (or a
   * name resolver's default), which is never the console API's port.
   */
  public static Optional<String> problem(String address) {
    Matcher matcher = HOST_PORT.matcher(address.strip());
    if (!matcher.matches()) {
      return Optional.of(
          "the address must be HOST:PORT, e.g. 127.0.0.1:18090 (was '" + address + "')");
    }
    int port = Integer.parseInt(matcher.group(2));
    if (port < 1 || port > 65_535) {
      return Optional.of("the port must be 1 to 65535 (was " + port + ")");
    }
    return Optional.empty();
  }

  /** With a static token. */
  public ConnectionSettings(String address, String token, boolean tls, Optional<Path> caFile) {
    this(address, token, tls, caFile, Optional.empty());
  }

  public static ConnectionSettings plaintext(String address, String token) {
    return new ConnectionSettings(address, token, false, Optional.empty());
  }
}
