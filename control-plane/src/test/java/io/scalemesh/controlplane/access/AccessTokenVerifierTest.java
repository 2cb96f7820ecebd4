package io.scalemesh.controlplane.access;

import static io.scalemesh.controlplane.fixtures.OidcIssuer.OPERATOR;
import static io.scalemesh.controlplane.fixtures.OidcIssuer.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.scalemesh.controlplane.access.AccessTokenVerifier.Accepted;
import io.scalemesh.controlplane.access.AccessTokenVerifier.Refused;
import io.scalemesh.controlplane.access.AccessTokenVerifier.Verdict;
import io.scalemesh.controlplane.config.ConsoleApiConfig.Role;
import io.scalemesh.controlplane.config.OidcConfig;
import io.scalemesh.controlplane.fixtures.OidcIssuer;
import io.scalemesh.controlplane.fixtures.Teardown;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Access tokens against a real OIDC server's JWKS (mock-oauth2-server): who is accepted as what,
 * and every kind of forgery or misfit refused with a reason that never quotes the token.
 */
class AccessTokenVerifierTest {
  private static final String ALICE = "00000000-0000-0000-0000-0000000000a1";

  @RegisterExtension final Teardown teardown = new Teardown();

  private OidcIssuer issuer;
  private AccessTokenVerifier verifier;

  @BeforeEach
  void start() {
    issuer = teardown.add(OidcIssuer.start());
    verifier = teardown.add(new AccessTokenVerifier(config(issuer.issuer())));
  }

  private OidcConfig config(String... issuers) {
    return new OidcConfig(
        null,
        List.of(issuers),
        URI.create(issuer.jwksUri()),
        List.of(OidcIssuer.AUDIENCE),
        new OidcConfig.Roles(VIEWER, OPERATOR),
        List.of("RS256"),
        60);
  }

  @Test
  void theIssuersTokensNameThePersonAndCarryTheirRole() {
    assertThat(verifier.verify(issuer.accessToken("Alice Example", ALICE, List.of(VIEWER))))
        .isEqualTo(new Accepted(new Caller("Alice Example (oid " + ALICE + ")", Role.VIEWER)));
    assertThat(
            verifier.verify(issuer.accessToken("Alice Example", ALICE, List.of(VIEWER, OPERATOR))))
        .isEqualTo(new Accepted(new Caller("Alice Example (oid " + ALICE + ")", Role.OPERATOR)));
  }

  @Test
  void aTokenWithNeitherRoleIsRefused() {
    assertRefused(
        issuer.accessToken("Carol", ALICE, List.of("Other.Role")),
        "neither app role Scalemesh.Viewer nor Scalemesh.Operator");
  }

  @Test
  void expiredNotYetValidOtherAudienceAndOtherIssuerAreRefused() {
    Instant now = Instant.now();
    assertRefused(
        sign(
            issuer
                .operatorClaims()
                .issueTime(Date.from(now.minusSeconds(7200)))
                .notBeforeTime(Date.from(now.minusSeconds(7200)))
                .expirationTime(Date.from(now.minusSeconds(120)))),
        "Expired JWT");
    assertRefused(
        sign(issuer.operatorClaims().notBeforeTime(Date.from(now.plusSeconds(120)))),
        "JWT before use time");
    assertRefused(
        sign(issuer.operatorClaims().audience("api://another-app")), "JWT aud claim rejected");
    assertRefused(
        sign(issuer.operatorClaims().issuer("https://login.microsoftonline.com/other/v2.0")),
        "issuer https://login.microsoftonline.com/other/v2.0 is not configured");
    assertRefused(sign(issuer.operatorClaims().expirationTime(null)), "missing required claims");
  }

  @Test
  void aClockAFewSecondsOffIsForgiven() {
    Instant now = Instant.now();
    String justExpired =
        sign(issuer.operatorClaims().expirationTime(Date.from(now.minusSeconds(10))));
    assertThat(verifier.verify(justExpired)).isInstanceOf(Accepted.class);
  }

  @Test
  void anUnknownKeyUnsignedAndHmacWithThePublicKeyAreRefused() throws Exception {
    assertRefused(
        OidcIssuer.sign(issuer.operatorClaims().build(), OidcIssuer.newKey("not-published")),
        "no matching key");
    assertRefused(
        new PlainJWT(new PlainHeader(), issuer.operatorClaims().build()).serialize(), "Unsecured");
    // The classic confusion: HS256 keyed with the issuer's public key, which anyone can fetch.
    SignedJWT hmac =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(issuer.key().getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            issuer.operatorClaims().build());
    hmac.sign(new MACSigner(issuer.key().toPublicJWK().toRSAPublicKey().getEncoded()));
    assertRefused(hmac.serialize(), "Another algorithm expected");
  }

  @Test
  void badInputIsOneClearRefusal() {
    String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{".getBytes());
    for (String token :
        List.of(
            "",
            "not-a-jwt",
            "a.b.c",
            unsigned + "." + unsigned + ".",
            "x".repeat(AccessTokenVerifier.MAX_TOKEN_CHARS + 1),
            OidcIssuer.sign(
                "{\"deep\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}", issuer.key()),
            sign(issuer.operatorClaims().claim("roles", "Scalemesh.Operator")),
            sign(issuer.operatorClaims().claim("roles", List.of(List.of(OPERATOR)))))) {
      Verdict verdict = verifier.verify(token);
      assertThat(verdict).isInstanceOf(Refused.class);
      assertThat(((Refused) verdict).reason()).hasSizeLessThan(220);
    }
  }

  @Test
  void knownKeysOutliveAnOutageOfTheKeyEndpoint() {
    String before = issuer.accessToken("Alice Example", ALICE, List.of(OPERATOR));
    assertThat(verifier.verify(before)).isInstanceOf(Accepted.class);

    issuer.stop();
    assertThat(verifier.verify(before)).isInstanceOf(Accepted.class);
    assertThat(verifier.verify(issuer.accessToken("Alice Example", ALICE, List.of(VIEWER))))
        .isEqualTo(new Accepted(new Caller("Alice Example (oid " + ALICE + ")", Role.VIEWER)));
  }

  @Test
  void aKeyRotationIsPickedUp() {
    String before = issuer.accessToken("Alice Example", ALICE, List.of(OPERATOR));
    assertThat(verifier.verify(before)).isInstanceOf(Accepted.class);

    issuer.rotateKey("second");
    String after = issuer.accessToken("Alice Example", ALICE, List.of(OPERATOR));
    assertThat(SignedJwtKeyId.of(after)).isEqualTo("second");
    assertThat(verifier.verify(after)).isInstanceOf(Accepted.class);
  }

  private void assertRefused(String token, String reason) {
    Verdict verdict = verifier.verify(token);
    assertThat(verdict).isInstanceOf(Refused.class);
    assertThat(((Refused) verdict).reason()).contains(reason).doesNotContain(token);
  }

  private String sign(JWTClaimsSet.Builder claims) {
    return OidcIssuer.sign(claims.build(), issuer.key());
  }

  /** The key id in a compact JWS's header. */
  private static final class SignedJwtKeyId {
    static String of(String token) {
      try {
        return SignedJWT.parse(token).getHeader().getKeyID();
      } catch (java.text.ParseException e) {
        throw new AssertionError(e);
      }
    }
  }
}
