package io.scalemesh.controlplane.input;

import static io.scalemesh.controlplane.fixtures.TestTokens.bearer;
import static io.scalemesh.controlplane.fixtures.TestTokens.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Named.named;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.TestChannels;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.ReleaseHoldRequest;
import io.scalemesh.model.console.v1.ScaleRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

/**
 * Malformed and oversized requests to a running control plane's REST API and console API: each gets
 * a clear client error (never a server error), and none changes what is published or the scale
 * set's capacity.
 *
 * <p>The build replays the inputs kept in ApiInputTestInputs, one folder per fuzz test: requests as
 * text ("METHOD /path" then the body; console requests in protobuf's text format), the findings,
 * each named for what it broke, and in corpus/ a sample of what a fuzzing run kept (only inputs the
 * test does not skip), few enough to keep the build's time. {@code ./run fuzz rest}, {@code scale}
 * and {@code release-hold} search for more.
 */
class ApiInputTest {
  private static final Set<Status.Code> CLIENT_ERRORS =
      Set.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.PERMISSION_DENIED,
          Status.Code.UNAUTHENTICATED,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.UNIMPLEMENTED);

  private static ControlPlane plane;
  private static ManagedChannel channel;
  private static HttpClient http;
  private static String version;

  /** The only scale set, held at 2..2: every change of it is refused but setting it to 2. */
  @BeforeAll
  static void start() throws IOException {
    plane =
        ControlPlane.start(
            TestConfigs.fromYaml(
                Files.createTempDirectory("scalemesh-api-fuzz"),
                """
        console_api:
          tokens: [{identity: ops, role: operator, sha256: %s}]
        services:
          - name: backend
            discovery: {kind: simulated, capacity: 2, boot_seconds: 0}
            autoscale: {enabled: false, minimum: 2, maximum: 2, default_capacity: 2}
        """
                    .formatted(sha("operator-token"))),
            Clock.systemUTC());
    await()
        .until(
            () ->
                plane
                    .publisher()
                    .current()
                    .map(
                        p ->
                            p.state().instanceCount() == 2
                                && p.state().services().getFirst().instances().stream()
                                    .allMatch(i -> i.state() == InstanceState.READY))
                    .orElse(false));
    version = plane.publisher().current().orElseThrow().state().version();
    channel = TestChannels.plaintext(plane.consoleApiPort());
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    http.close();
    TestChannels.close(channel);
    plane.close();
  }

  @FuzzTest
  void anyRestRequestIsAnsweredWithoutAServerErrorAndChangesNothing(byte[] input) throws Exception {
    RestRequest request = RestRequest.read(input);
    assumeTrue(request.methodIsSendable(), "HttpClient cannot send the method");
    assertAnsweredWithoutAServerError(request);
  }

  @FuzzTest
  void anyScaleRequestAnOperatorCannotMakeIsAClientErrorAndChangesNothing(byte[] input) {
    ScaleRequest request = parsed(input, ScaleRequest.class);
    boolean keepsTheCapacity =
        request.getScaleSet().equals("backend")
            && request.getChangeCase() == ScaleRequest.ChangeCase.SET_CAPACITY
            && request.getSetCapacity() == 2;
    assumeFalse(
        keepsTheCapacity,
        "setting the capacity the scale set has is a change an operator can make");
    assertRefusedAsAClientError(request);
  }

  @FuzzTest
  void anyHoldReleaseWithNothingHeldChangesNothing(byte[] input) {
    assertNothingReleased(parsed(input, ReleaseHoldRequest.class));
  }

  /**
   * Sizes a fuzzer does not reach (libFuzzer keeps inputs to a few KB), and too big to keep as
   * files.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("oversizedRestRequests")
  void anOversizedRestRequestIsAnsweredWithoutAServerErrorAndChangesNothing(RestRequest request)
      throws Exception {
    assertAnsweredWithoutAServerError(request);
  }

  static Stream<Named<RestRequest>> oversizedRestRequests() {
    return Stream.of(
        named("a path of 100 KB", new RestRequest("GET", "/" + "a".repeat(100_000), "")),
        named(
            "a path of 100 KB with a body",
            new RestRequest("POST", "/" + "a".repeat(100_000), "{\"vms\": []}")),
        named("a body of 2 MB", new RestRequest("POST", "/api/vms", "x".repeat(2_000_000))));
  }

  /**
   * Over gRPC's 64 KiB message limit: the server refuses it before it reaches the console service.
   */
  @Test
  void aScaleRequestWithAReasonOf100KbIsAClientErrorAndChangesNothing() {
    assertRefusedAsAClientError(
        ScaleRequest.newBuilder()
            .setScaleSet("backend")
            .setScaleOutBy(1)
            .setReason("r".repeat(100_000))
            .build());
  }

  @Test
  void aHoldReleaseWithAReasonOf100KbChangesNothing() {
    assertNothingReleased(
        ReleaseHoldRequest.newBuilder()
            .setScaleSet("backend")
            .setReason("r".repeat(100_000))
            .build());
  }

  private static void assertAnsweredWithoutAServerError(RestRequest request) throws Exception {
    try (SilentCloseable toThePlane = connectionsToThePlane()) {
      try {
        HttpResponse<String> response =
            http.send(request.withBody(plane.apiPort()), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s", request).isLessThan(500);
      } catch (IOException e) {
        // Jetty answers a request it cannot parse (a URI over 8 KiB, a NUL or a dot segment above
        // the
        // root) with 414 or 400 and closes the connection; a client still sending a body may see
        // the
        // close before the answer. Without a body the answer is read: it must be that client error.
        HttpResponse<String> withoutBody =
            http.send(request.withoutBody(plane.apiPort()), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutBody.statusCode())
            .as("%s without its body, after %s", request, e)
            .isIn(400, 414);
      }
      assertUnchanged();
    }
  }

  private static void assertRefusedAsAClientError(ScaleRequest request) {
    try (SilentCloseable toThePlane = connectionsToThePlane()) {
      StatusRuntimeException refused =
          catchThrowableOfType(StatusRuntimeException.class, () -> console().scale(request));
      String shown = Excerpt.of(request.toString());
      assertThat(refused).as("%s", shown).isNotNull();
      assertThat(CLIENT_ERRORS)
          .as("%s for %s", refused.getStatus(), shown)
          .contains(refused.getStatus().getCode());
      assertUnchanged();
    }
  }

  private static void assertNothingReleased(ReleaseHoldRequest request) {
    try (SilentCloseable toThePlane = connectionsToThePlane()) {
      String shown = Excerpt.of(request.toString());
      try {
        assertThat(console().releaseHold(request).getReleased()).as("%s", shown).isFalse();
      } catch (StatusRuntimeException e) {
        assertThat(CLIENT_ERRORS)
            .as("%s for %s", e.getStatus(), shown)
            .contains(e.getStatus().getCode());
      }
      assertUnchanged();
    }
  }

  /** An input that is not in protobuf's text format is skipped (a kept one shows as skipped). */
  private static <T extends Message> T parsed(byte[] input, Class<T> type) {
    try {
      return TextFormat.parse(new String(input, StandardCharsets.UTF_8), type);
    } catch (TextFormat.ParseException e) {
      throw new TestAbortedException(
          "not a " + type.getSimpleName() + " in text format: " + e.getMessage());
    }
  }

  /**
   * Jazzer's bug detectors, on in ./run fuzz, take any connection the test did not allow for an
   * attack.
   */
  private static SilentCloseable connectionsToThePlane() {
    return BugDetectors.allowNetworkConnections(
        (host, port) -> port == plane.apiPort() || port == plane.consoleApiPort());
  }

  private static ConsoleGrpc.ConsoleBlockingStub console() {
    return ConsoleGrpc.newBlockingStub(channel)
        .withCallCredentials(bearer("operator-token"))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static void assertUnchanged() {
    assertThat(plane.publisher().current().orElseThrow().state().version()).isEqualTo(version);
    assertThat(plane.scaleController("backend").orElseThrow().capacity().getAsInt()).isEqualTo(2);
  }
}
