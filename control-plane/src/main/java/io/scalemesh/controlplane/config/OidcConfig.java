package io.scalemesh.controlplane.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

/**
 * The OpenID Connect issuer whose access tokens the console API accepts beside its static tokens:
 * Microsoft Entra ID by default. Off until {@code tenant} or {@code issuers} is set.
 *
 * <p>With only {@code tenant}, both of Entra's issuers of that tenant are accepted (v2.0 tokens say
 * {@code https://login.microsoftonline.com/TENANT/v2.0}, v1.0 tokens {@code
 * https://sts.windows.net/TENANT/}; which one an API gets follows its registration's {@code
 * requestedAccessTokenVersion}) and the keys come from Entra's key endpoint of the tenant. Other
 * clouds and other issuers name {@code issuers} and {@code jwks_uri} themselves.
 *
 * @param tenant an Entra tenant id (public cloud)
 * @param issuers the accepted {@code iss} values, exactly
 * @param jwksUri where the issuer's signing keys are published (https, or http on loopback)
 * @param audiences the accepted {@code aud} values: the API's client id (v2.0) and app id URI
 *     (v1.0)
 * @param roles the app role names that make a viewer and an operator
 * @param algorithms the accepted signature algorithms: asymmetric ones only
 * @param clockSkewSeconds how far {@code exp} and {@code nbf} may be off this machine's clock
 */
public record OidcConfig(
    String tenant,
    List<String> issuers,
    URI jwksUri,
    List<String> audiences,
    Roles roles,
    List<String> algorithms,
    int clockSkewSeconds) {

  private static final String ENTRA = "https://login.microsoftonline.com/";

  /**
   * RSA, RSA-PSS and elliptic-curve signatures. Never {@code none}, and never HMAC: an HMAC key
   * would be a secret shared with the issuer, and a verifier that accepted HS256 against a public
   * key could be fooled by anyone who has the public key.
   */
  private static final Set<String> ASYMMETRIC =
      Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

  public OidcConfig {
    issuers = issuers == null ? List.of() : List.copyOf(issuers);
    audiences = audiences == null ? List.of() : List.copyOf(audiences);
    algorithms = List.copyOf(algorithms);
    if (tenant != null && !tenant.matches("[0-9A-Za-z.-]{1,100}")) {
      throw new IllegalArgumentException(
          "oidc.tenant must be a tenant id (a GUID) or a domain name");
    }
    if (tenant != null && issuers.isEmpty()) {
      issuers = List.of(ENTRA + tenant + "/v2.0", "https://sts.windows.net/" + tenant + "/");
    }
    if (tenant != null && jwksUri == null) {
      jwksUri = URI.create(ENTRA + tenant + "/discovery/v2.0/keys");
    }
    if (!issuers.isEmpty()) {
      requireSettings(jwksUri, audiences, roles, algorithms);
    }
  }

  /** Whether access tokens are accepted at all. */
  public boolean enabled() {
    return !issuers.isEmpty();
  }

  private static void requireSettings(
      URI jwksUri, List<String> audiences, Roles roles, List<String> algorithms) {
    if (jwksUri == null) {
      throw new IllegalArgumentException("oidc: issuers need a jwks_uri (or give tenant instead)");
    }
    if (!"https".equals(jwksUri.getScheme())
        && !("http".equals(jwksUri.getScheme()) && loopback(jwksUri.getHost()))) {
      throw new IllegalArgumentException(
          "oidc.jwks_uri must be https (http only on loopback): " + jwksUri);
    }
    if (audiences.isEmpty()) {
      throw new IllegalArgumentException(
          "oidc.audiences must name the API: its client id and/or app id URI");
    }
    if (roles == null || roles.viewer() == null || roles.operator() == null) {
      throw new IllegalArgumentException("oidc.roles needs a viewer and an operator role name");
    }
    for (String algorithm : algorithms) {
      if (!ASYMMETRIC.contains(algorithm)) {
        throw new IllegalArgumentException(
            "oidc.algorithms: '"
                + algorithm
                + "' is not accepted; only RS*, PS* and ES* signatures are (never none or HMAC)");
      }
    }
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException("oidc.algorithms must name at least one algorithm");
    }
  }

  private static boolean loopback(String host) {
    try {
      return host != null && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * The names of the app roles (the token's {@code roles} claim) that make a viewer and an
   * operator; a token with both is an operator's.
   */
  public record Roles(String viewer, String operator) {}
}
