package io.scalemesh.console.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import io.scalemesh.console.client.SignIn;
import io.scalemesh.console.settings.SecretStore;
import io.scalemesh.controlplane.fixtures.OidcIssuer;
import io.scalemesh.controlplane.fixtures.Teardown;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sign-in service without a window, against a real OIDC server over HTTPS (mock-oauth2-server):
 * who is signed in, the token each call gets, and signing out.
 */
class MicrosoftSignInTest {
  private static final String ALICE = "6f1c2d4e-0000-4000-8000-00000000a11c";

  @RegisterExtension final Teardown teardown = new Teardown();

  private OidcIssuer issuer;
  private LoopbackBrowser browser;
  private MicrosoftSignIn microsoft;
  private SignIn signIn;

  @BeforeEach
  void start() {
    issuer = teardown.add(OidcIssuer.startTls());
    teardown.add(issuer.trustedByDefault());
    browser = new LoopbackBrowser(issuer.trust());
    microsoft = new MicrosoftSignIn(SecretStore.inMemory("test"), Optional.of(browser));
    signIn =
        new SignIn(issuer.authority(), "scalemesh-console", OidcIssuer.AUDIENCE + "/Console.Use");
  }

  @Test
  void aSignedInPersonsCallsCarryTheirAccessTokenUntilTheySignOut() throws Exception {
    assertThat(microsoft.signedIn(signIn)).isEmpty();
    assertThatThrownBy(() -> microsoft.token(signIn))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("not signed in: sign in with Microsoft");

    issuer.nextTokenFor("Alice Example", ALICE, List.of(OidcIssuer.VIEWER), 3600);
    assertThat(microsoft.withBrowser(signIn).get(30, TimeUnit.SECONDS)).isEqualTo("Alice Example");
    assertThat(browser.failures()).isEmpty();
    assertThat(microsoft.signedIn(signIn)).contains("Alice Example");

    String token = microsoft.token(signIn);
    assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("oid")).isEqualTo(ALICE);
    assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience())
        .containsExactly(OidcIssuer.AUDIENCE);
    // A token far from expiry comes from MSAL's cache: the same one.
    assertThat(microsoft.token(signIn)).isEqualTo(token);

    microsoft.signOut(signIn);
    assertThat(microsoft.signedIn(signIn)).isEmpty();
    assertThatThrownBy(() -> microsoft.token(signIn)).hasMessageContaining("not signed in");
  }
}
