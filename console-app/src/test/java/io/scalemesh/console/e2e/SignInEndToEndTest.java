package io.scalemesh.console.e2e;

import static io.scalemesh.console.e2e.ConsoleWindow.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalemesh.console.signin.LoopbackBrowser;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.OidcIssuer;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * "Sign in with Microsoft" in a real console window (headless, Monocle) against a real OIDC server
 * (mock-oauth2-server over HTTPS, which MSAL4J requires) and a real control plane that accepts its
 * tokens: the browser sign-in with PKCE and a loopback redirect, the connection as the person, and
 * the silent refresh of a token about to expire.
 */
class SignInEndToEndTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String ALICE = "6f1c2d4e-0000-4000-8000-00000000a11c";

  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private final FxRobot robot = new FxRobot();
  private OidcIssuer issuer;
  private LoopbackBrowser browser;
  private ControlPlane plane;

  @BeforeEach
  void start() {
    issuer = teardown.add(OidcIssuer.startTls());
    teardown.add(issuer.trustedByDefault());
    browser = new LoopbackBrowser(issuer.trust());
    plane = teardown.add(ControlPlanes.signingIn(dir, issuer));
  }

  @Test
  void aPersonSignsInInTheBrowserIsLiveAsThemselvesAndAnExpiringTokenIsRefreshedSilently()
      throws Exception {
    // Two minutes: inside MSAL's five-minute window, so the next call refreshes it first.
    issuer.nextTokenFor("Alice Example", ALICE, List.of(OidcIssuer.OPERATOR), 120);
    ConsoleWindow window = teardown.add(ConsoleWindow.openAsking(dir, browser));
    Scene dialog = window.dialogShowing("#signInWithBrowser", PATIENCE);
    window.enter(dialog, "#connectionName", "entra");
    window.enter(dialog, "#connectionAddress", "127.0.0.1:" + plane.consoleApiPort());
    window.enter(dialog, "#signInAuthority", issuer.authority());
    window.enter(dialog, "#signInClientId", "scalemesh-console");
    window.enter(dialog, "#signInScope", OidcIssuer.AUDIENCE + "/Console.Use");

    robot.clickOn("#signInWithBrowser");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(browser.failures()).isEmpty();
              assertThat(fx(() -> window.label("#signInStatus").getText()))
                  .startsWith("Signed in as");
            });
    Screenshots.save(dialog, "sign-in-signed-in");
    assertThat(browser.opened())
        .singleElement()
        .satisfies(
            url ->
                assertThat(url)
                    .contains("code_challenge=", "code_challenge_method=S256")
                    .contains("redirect_uri=http%3A%2F%2Flocalhost%3A"));

    issuer.nextTokenFor("Alice Example", ALICE, List.of(OidcIssuer.OPERATOR), 3600);
    robot.clickOn("#connectButton");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(fx(() -> window.label(".connection-state").getText()))
                    .endsWith("as Alice Example (oid " + ALICE + ") (operator)"));
    window.screenshot("Dashboard", "signed-in-live");

    List<String> tokenRequests = tokenRequests();
    assertThat(tokenRequests)
        .anySatisfy(
            body -> assertThat(body).contains("grant_type=authorization_code", "code_verifier="))
        .anySatisfy(body -> assertThat(body).contains("grant_type=refresh_token"));
    assertThat(Files.readString(dir.resolve("console.properties")))
        .contains("signin.client_id=scalemesh-console")
        .doesNotContain("refresh", "eyJ");
    assertThat(Files.exists(TestConfigs.auditLog(dir))).isFalse();
  }

  /** The bodies of the requests to the issuer's token endpoint, in order. */
  private List<String> tokenRequests() {
    List<String> bodies = new ArrayList<>();
    while (true) {
      RecordedRequest request;
      try {
        request = issuer.server().takeRequest(1, TimeUnit.SECONDS);
      } catch (RuntimeException noMore) { // the server says so when its queue stays empty
        return bodies;
      }
      if (request.getPath() != null && request.getPath().contains("/token")) {
        bodies.add(request.getBody().readUtf8());
      }
    }
  }
}
