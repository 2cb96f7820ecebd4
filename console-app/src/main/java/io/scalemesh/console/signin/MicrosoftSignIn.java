package io.scalemesh.console.signin;

import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.InteractiveRequestParameters;
import com.microsoft.aad.msal4j.OpenBrowserAction;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import com.microsoft.aad.msal4j.SystemBrowserOptions;
import com.microsoft.aad.msal4jextensions.PersistenceTokenCacheAccessAspect;
import io.scalemesh.console.client.AccessTokens;
import io.scalemesh.console.client.SignIn;
import io.scalemesh.console.settings.SecretStore;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Signs a person in with Microsoft Entra ID (MSAL4J) and keeps their tokens: in the system browser
 * (authorization code with PKCE, redirected to a loopback port MSAL listens on) or with a device
 * code for a machine without a browser. MSAL's token cache lives in the {@link SecretStore} when
 * there is one, else in memory. {@link #token} is silent: MSAL refreshes an access token that
 * expires within five minutes with its refresh token.
 *
 * <p>The authority is Entra's ({@code https://login.microsoftonline.com/<tenant>}, or another Entra
 * cloud's). One on another host is asked at Entra's endpoint paths and without Entra's instance
 * discovery (which would ask login.microsoftonline.com whether it knows the host): a test issuer,
 * for instance. MSAL4J's generic OIDC authorities are not used: in 1.26 their token requests go to
 * Entra's paths all the same.
 */
public final class MicrosoftSignIn implements AccessTokens {
  private static final URI LOOPBACK = URI.create("http://localhost");

  private final SecretStore secrets;
  private final Optional<OpenBrowserAction> browser;
  private final Map<SignIn, PublicClientApplication> applications = new ConcurrentHashMap<>();

  /**
   * @param browser opens the sign-in page; none: the system browser
   */
  public MicrosoftSignIn(SecretStore secrets, Optional<OpenBrowserAction> browser) {
    this.secrets = secrets;
    this.browser = browser;
  }

  /** Signs in in the browser; completes with who signed in. */
  public CompletableFuture<String> withBrowser(SignIn signIn) {
    SystemBrowserOptions.SystemBrowserOptionsBuilder options = SystemBrowserOptions.builder();
    browser.ifPresent(options::openBrowserAction);
    return application(signIn)
        .acquireToken(
            InteractiveRequestParameters.builder(LOOPBACK)
                .scopes(Set.of(signIn.scope()))
                .systemBrowserOptions(options.build())
                .build())
        .thenApply(MicrosoftSignIn::who);
  }

  /**
   * Signs in with a device code: {@code instructions} gets the text to show (where to go, which
   * code to enter); completes with who signed in once they have.
   */
  public CompletableFuture<String> withDeviceCode(SignIn signIn, Consumer<String> instructions) {
    return application(signIn)
        .acquireToken(
            DeviceCodeFlowParameters.builder(
                    Set.of(signIn.scope()), code -> instructions.accept(code.message()))
                .build())
        .thenApply(MicrosoftSignIn::who);
  }

  /** Who is signed in for {@code signIn}, if anyone (from the token cache, no network). */
  public Optional<String> signedIn(SignIn signIn) {
    return account(signIn).map(MicrosoftSignIn::name);
  }

  @Override
  public String token(SignIn signIn) {
    IAccount account =
        account(signIn)
            .orElseThrow(() -> new IllegalStateException("not signed in: sign in with Microsoft"));
    try {
      return application(signIn)
          .acquireTokenSilently(SilentParameters.builder(Set.of(signIn.scope()), account).build())
          .join()
          .accessToken();
    } catch (CompletionException | MalformedURLException e) {
      throw new IllegalStateException(
          "the sign-in has expired or was revoked: sign in with Microsoft again", e);
    }
  }

  /** Forgets the person's tokens for {@code signIn}. */
  public void signOut(SignIn signIn) {
    account(signIn).ifPresent(account -> application(signIn).removeAccount(account).join());
  }

  private Optional<IAccount> account(SignIn signIn) {
    return application(signIn).getAccounts().join().stream().findFirst();
  }

  private PublicClientApplication application(SignIn signIn) {
    return applications.computeIfAbsent(signIn, this::build);
  }

  private PublicClientApplication build(SignIn signIn) {
    try {
      PublicClientApplication.Builder builder = PublicClientApplication.builder(signIn.clientId());
      builder.authority(signIn.authority());
      if (!entra(signIn.authority())) {
        builder.instanceDiscovery(false).validateAuthority(false);
      }
      if (secrets.signInCache().isPresent()) {
        builder.setTokenCacheAccessAspect(
            new PersistenceTokenCacheAccessAspect(secrets.signInCache().get()));
      }
      return builder.build();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot use the authority " + signIn.authority(), e);
    }
  }

  private static boolean entra(String authority) {
    String host = URI.create(authority).getHost();
    return host != null
        && (host.equals("login.microsoftonline.com")
            || host.equals("login.microsoftonline.us")
            || host.equals("login.chinacloudapi.cn"));
  }

  private static String who(IAuthenticationResult result) {
    return name(result.account());
  }

  private static String name(IAccount account) {
    return account.username() == null || account.username().isBlank()
        ? "a signed-in person"
        : account.username();
  }
}
