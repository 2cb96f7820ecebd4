package io.scalemesh.console.e2e;

import static io.scalemesh.console.e2e.ConsoleWindow.fx;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.OidcIssuer;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Scene;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
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
  private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
  private static final Pattern HIDDEN_FIELD =
      Pattern.compile("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"");

  private final List<String> browsed = new CopyOnWriteArrayList<>();
  private final List<Exception> browserFailures = new CopyOnWriteArrayList<>();
  private OidcIssuer issuer;
  private HttpClient browser;
  private ControlPlane plane;

  @BeforeEach
  void start() {
    issuer = teardown.add(OidcIssuer.startTls());
    // MSAL4J and the control plane's key fetcher both use HttpsURLConnection's default factory.
    SSLSocketFactory before = HttpsURLConnection.getDefaultSSLSocketFactory();
    HttpsURLConnection.setDefaultSSLSocketFactory(issuer.trust().getSocketFactory());
    teardown.add(() -> HttpsURLConnection.setDefaultSSLSocketFactory(before));
    browser =
        HttpClient.newBuilder()
            .sslContext(issuer.trust())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    plane = teardown.add(ControlPlanes.signingIn(dir, issuer));
  }

  @Test
  void aPersonSignsInInTheBrowserIsLiveAsThemselvesAndAnExpiringTokenIsRefreshedSilently()
      throws Exception {
    // Two minutes: inside MSAL's five-minute window, so the next call refreshes it first.
    issuer.nextTokenFor("Alice Example", ALICE, List.of(OidcIssuer.OPERATOR), 120);
    ConsoleWindow window = teardown.add(ConsoleWindow.openAsking(dir, this::browse));
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
              assertThat(browserFailures).isEmpty();
              assertThat(fx(() -> window.label("#signInStatus").getText()))
                  .startsWith("Signed in as");
            });
    Screenshots.save(dialog, "sign-in-signed-in");
    assertThat(browsed)
        .singleElement()
        .satisfies(
            url ->
                assertThat(url)
                    .contains("code_challenge=", "code_challenge_method=S256")
                    .contains("redirect_uri=http%3A%2F%2Flocalhost%3A"));

    issuer.nextTokenFor("Alice Example", ALICE, List.of(OidcIssuer.OPERATOR), 3600);
    robot.clickOn("#connect");
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

  /**
   * The system browser's part. MSAL asks for {@code response_mode=form_post}: the server (not
   * interactive here) answers with a page whose form carries the code and the state, and a browser
   * posts it to the loopback port MSAL listens on.
   */
  private void browse(URL url) {
    browsed.add(url.toString());
    // Its own thread: MSAL waits for the redirect on the common pool, which may have one thread.
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try {
                String page =
                    browser
                        .send(
                            HttpRequest.newBuilder(url.toURI())
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .body();
                Matcher action = FORM_ACTION.matcher(page);
                if (!action.find()) {
                  throw new IllegalStateException("no form on the sign-in page: " + page);
                }
                StringJoiner form = new StringJoiner("&");
                for (Matcher field = HIDDEN_FIELD.matcher(page); field.find(); ) {
                  form.add(field.group(1) + "=" + URLEncoder.encode(field.group(2), UTF_8));
                }
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(URI.create(action.group(1)))
                            .header("content-type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                            .build(),
                        HttpResponse.BodyHandlers.discarding());
              } catch (Exception e) {
                browserFailures.add(e);
              }
            });
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
