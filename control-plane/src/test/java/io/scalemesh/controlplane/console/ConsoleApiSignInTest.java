package io.scalemesh.controlplane.console;

import static io.scalemesh.controlplane.fixtures.OidcIssuer.OPERATOR;
import static io.scalemesh.controlplane.fixtures.OidcIssuer.VIEWER;
import static io.scalemesh.controlplane.fixtures.TestTokens.authorization;
import static io.scalemesh.controlplane.fixtures.TestTokens.bearer;
import static io.scalemesh.controlplane.fixtures.TestTokens.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jwt.JWTClaimsSet;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.access.AccessTokenVerifier;
import io.scalemesh.controlplane.fixtures.OidcIssuer;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.ScaleRequest;
import io.scalemesh.model.console.v1.WatchRequest;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * People signed in with an OIDC issuer (a real one: mock-oauth2-server) on the console API beside
 * static tokens: what each role may do, whom the audit log and the status stream name, and that
 * every bad token is one UNAUTHENTICATED whose reason is logged without the token.
 */
class ConsoleApiSignInTest {
  private static final String ALICE = "6f1c2d4e-0000-4000-8000-00000000a11c";
  private static final String BOB = "6f1c2d4e-0000-4000-8000-0000000000b0";
  private static final ScaleRequest OUT_BY_ONE =
      ScaleRequest.newBuilder().setScaleSet("backend").setScaleOutBy(1).setReason("test").build();

  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private OidcIssuer issuer;
  private ControlPlane plane;
  private ManagedChannel channel;
  private Path audit;

  @BeforeEach
  void start() throws Exception {
    issuer = teardown.add(OidcIssuer.start());
    audit = TestConfigs.auditLog(dir);
    plane =
        teardown.add(
            ControlPlane.start(
                TestConfigs.fromYaml(
                    dir,
                    """
        console_api:
          tokens:
            - {identity: automation, role: operator, sha256: %s}
          oidc: %s
        services:
          - name: backend
            discovery: {kind: simulated, capacity: 2, boot_seconds: 0.2, drain_seconds: 0.2}
            autoscale: {enabled: false, minimum: 1, maximum: 6}
        """
                        .formatted(sha("automation-token"), issuer.oidcYaml())),
                Clock.systemUTC()));
    channel = teardown.plaintextChannel(plane.consoleApiPort());
  }

  @Test
  void aViewerWatchesButCannotScaleAndTheStreamNamesThePerson() {
    String token = issuer.accessToken("Alice Example", ALICE, List.of(VIEWER));

    WatchUpdate first = stub(bearer(token)).watch(WatchRequest.getDefaultInstance()).next();
    assertThat(first.getIdentity()).isEqualTo("Alice Example (oid " + ALICE + ")");
    assertThat(first.getMayScale()).isFalse();

    assertCode(() -> stub(bearer(token)).scale(OUT_BY_ONE), Status.Code.PERMISSION_DENIED);
  }

  @Test
  void anOperatorScalesAndTheAuditLineNamesThePersonNeverTheToken() throws Exception {
    String token = issuer.accessToken("Bob Builder", BOB, List.of(OPERATOR));

    assertThat(stub(bearer(token)).scale(OUT_BY_ONE).getNewCapacity()).isEqualTo(3);
    assertThat(stub(bearer("automation-token")).scale(OUT_BY_ONE).getNewCapacity()).isEqualTo(4);

    List<String> lines = Files.readAllLines(audit);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .contains("\"identity\":\"Bob Builder (oid " + BOB + ")\"", "\"result\":\"accepted\"");
    assertThat(lines.get(1)).contains("\"identity\":\"automation\"");
    assertThat(Files.readString(audit)).doesNotContain(token, "automation-token");
  }

  @Test
  void everyBadTokenIsOneUnauthenticatedAndTheLogSaysWhyWithoutTheToken() {
    Instant now = Instant.now();
    String expired =
        sign(
            issuer
                .operatorClaims()
                .issueTime(Date.from(now.minusSeconds(7200)))
                .notBeforeTime(Date.from(now.minusSeconds(7200)))
                .expirationTime(Date.from(now.minusSeconds(600))));
    String otherAudience = sign(issuer.operatorClaims().audience("api://another-app"));
    String oversized = "eyJ" + "A".repeat(AccessTokenVerifier.MAX_TOKEN_CHARS);
    String deep =
        OidcIssuer.sign("{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}", issuer.key());
    List<String> tokens = List.of(expired, otherAudience, oversized, deep);

    ListAppender<ILoggingEvent> logs = capture();
    try {
      for (String token : tokens) {
        assertCode(() -> stub(bearer(token)).scale(OUT_BY_ONE), Status.Code.UNAUTHENTICATED);
        assertCode(
            () -> stub(bearer(token)).watch(WatchRequest.getDefaultInstance()).next(),
            Status.Code.UNAUTHENTICATED);
      }
      for (String header :
          List.of("Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer\t.", "Bearer a.b.c", "x")) {
        assertCode(
            () -> stub(authorization(header)).scale(OUT_BY_ONE), Status.Code.UNAUTHENTICATED);
      }
    } finally {
      release(logs);
    }
    List<String> lines = new ArrayList<>();
    logs.list.forEach(event -> lines.add(event.getFormattedMessage()));
    assertThat(lines)
        .anyMatch(line -> line.contains("refused: Expired JWT"))
        .anyMatch(line -> line.contains("refused: JWT aud claim rejected"))
        .anyMatch(line -> line.contains("refused: longer than"));
    for (String token : tokens) {
      assertThat(lines).noneMatch(line -> line.contains(token.substring(token.length() - 40)));
    }
    assertThat(plane.scaleController("backend").orElseThrow().capacity().getAsInt()).isEqualTo(2);
  }

  private ConsoleGrpc.ConsoleBlockingStub stub(CallCredentials credentials) {
    return ConsoleGrpc.newBlockingStub(channel)
        .withCallCredentials(credentials)
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private String sign(JWTClaimsSet.Builder claims) {
    return OidcIssuer.sign(claims.build(), issuer.key());
  }

  private static ListAppender<ILoggingEvent> capture() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger scalemesh = (Logger) LoggerFactory.getLogger("io.scalemesh");
    logs.start();
    scalemesh.addAppender(logs);
    return logs;
  }

  private static void release(ListAppender<ILoggingEvent> logs) {
    ((Logger) LoggerFactory.getLogger("io.scalemesh")).detachAppender(logs);
  }

  private static void assertCode(Runnable call, Status.Code code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
  }
}
