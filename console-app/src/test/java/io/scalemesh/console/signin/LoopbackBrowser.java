package io.scalemesh.console.signin;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.microsoft.aad.msal4j.OpenBrowserAction;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The system browser's part of a sign-in, for tests. MSAL asks for {@code response_mode=form_post}:
 * the server (not interactive here) answers with a page whose form carries the code and the state,
 * and a browser posts it to the loopback port MSAL listens on.
 */
public final class LoopbackBrowser implements OpenBrowserAction {
  private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
  private static final Pattern HIDDEN_FIELD =
      Pattern.compile("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"");

  private final HttpClient client;
  private final List<String> opened = new CopyOnWriteArrayList<>();
  private final List<Exception> failures = new CopyOnWriteArrayList<>();

  /**
   * @param trust trusts the identity provider's certificate
   */
  public LoopbackBrowser(SSLContext trust) {
    this.client =
        HttpClient.newBuilder().sslContext(trust).version(HttpClient.Version.HTTP_1_1).build();
  }

  @Override
  public void openBrowser(URL url) {
    opened.add(url.toString());
    // Its own thread: MSAL waits for the redirect on the common pool, which may have one thread.
    Thread.ofPlatform().daemon().start(() -> signIn(url));
  }

  private void signIn(URL url) {
    try {
      String page =
          client
              .send(
                  HttpRequest.newBuilder(url.toURI()).timeout(Duration.ofSeconds(10)).build(),
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
      client.send(
          HttpRequest.newBuilder(URI.create(action.group(1)))
              .timeout(Duration.ofSeconds(10))
              .header("content-type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
              .build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (Exception e) {
      failures.add(e);
    }
  }

  /** The URLs it was asked to open. */
  public List<String> opened() {
    return List.copyOf(opened);
  }

  /** What went wrong while signing in, if anything. */
  public List<Exception> failures() {
    return List.copyOf(failures);
  }
}
