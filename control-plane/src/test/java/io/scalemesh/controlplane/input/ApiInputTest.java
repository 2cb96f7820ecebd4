package io.scalemesh.controlplane.input;

import static io.scalemesh.controlplane.fixtures.TestTokens.bearer;
import static io.scalemesh.controlplane.fixtures.TestTokens.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Malformed and oversized requests to a running control plane's REST API and console API: each
 * gets a clear client error (never a server error), and none changes what is published or the
 * scale set's capacity.
 */
class ApiInputTest {
  private static final Set<Status.Code> CLIENT_ERRORS = Set.of(Status.Code.INVALID_ARGUMENT,
      Status.Code.FAILED_PRECONDITION, Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED,
      Status.Code.RESOURCE_EXHAUSTED, Status.Code.UNIMPLEMENTED);

  private static Path dir;
  private static ControlPlane plane;
  private static ManagedChannel channel;
  private static HttpClient http;
  private static String version;

  @BeforeContainer
  static void start() throws IOException {
    dir = Files.createTempDirectory("scalemesh-api-fuzz");
    plane = ControlPlane.start(TestConfigs.fromYaml(dir, """
        console_api:
          tokens: [{identity: ops, role: operator, sha256: %s}]
        services:
          - name: backend
            discovery: {kind: simulated, capacity: 2, boot_seconds: 0}
            autoscale: {enabled: false, minimum: 2, maximum: 2, default_capacity: 2}
        """.formatted(sha("operator-token"))), Clock.systemUTC());
    await().until(() -> plane.publisher().current().map(p -> p.state().instanceCount() == 2
        && p.state().services().getFirst().instances().stream()
            .allMatch(i -> i.state() == InstanceState.READY)).orElse(false));
    version = plane.publisher().current().orElseThrow().state().version();
    channel = TestChannels.plaintext(plane.consoleApiPort());
    http = HttpClient.newHttpClient();
  }

  @AfterContainer
  static void stop() throws InterruptedException {
    http.close();
    TestChannels.close(channel);
    plane.close();
  }

  @Property(tries = 200)
  void anyRestRequestIsAnsweredWithoutAServerErrorAndChangesNothing(
      @ForAll("methods") String method, @ForAll("paths") String path, @ForAll("bodies") String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plane.apiPort() + path))
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("%s %s", method, path).isLessThan(500);
    } catch (IOException e) {
      // Jetty answers a request it cannot parse (a URI over 8 KiB, a NUL or a dot segment above the
      // root) with 414 or 400 and closes the connection; a client still sending a body may see the
      // close before the answer. Without a body the answer is read: it must be that client error.
      HttpResponse<String> withoutBody = http.send(HttpRequest.newBuilder(request.uri())
          .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(withoutBody.statusCode()).as("%s %s without a body, after %s", method, path, e).isIn(400, 414);
    }
    assertUnchanged();
  }

  @Property(tries = 200)
  void anyScaleRequestAnOperatorCannotMakeIsAClientErrorAndChangesNothing(@ForAll("impossibleScales") ScaleRequest request) {
    StatusRuntimeException refused = null;
    try {
      console().scale(request);
    } catch (StatusRuntimeException e) {
      refused = e;
    }
    assertThat(refused).as("%s", request).isNotNull();
    assertThat(CLIENT_ERRORS).as("%s", refused.getStatus()).contains(refused.getStatus().getCode());
    assertUnchanged();
  }

  @Property(tries = 100)
  void anyHoldReleaseWithNothingHeldChangesNothing(@ForAll("names") String scaleSet, @ForAll("texts") String reason) {
    try {
      assertThat(console().releaseHold(ReleaseHoldRequest.newBuilder().setScaleSet(scaleSet).setReason(reason).build())
          .getReleased()).isFalse();
    } catch (StatusRuntimeException e) {
      assertThat(CLIENT_ERRORS).as("%s", e.getStatus()).contains(e.getStatus().getCode());
    }
    assertUnchanged();
  }

  /**
   * Every change of a scale set held at 2..2 (so every one is refused: out of bounds, or no change),
   * or of a scale set that does not exist, with any reason up to oversized.
   */
  @Provide
  Arbitrary<ScaleRequest> impossibleScales() {
    Arbitrary<ScaleRequest.Builder> change = Arbitraries.oneOf(
        Arbitraries.integers().map(n -> ScaleRequest.newBuilder().setScaleOutBy(n)),
        Arbitraries.integers().map(n -> ScaleRequest.newBuilder().setScaleInBy(n)),
        Arbitraries.integers().filter(n -> n != 2).map(n -> ScaleRequest.newBuilder().setSetCapacity(n)),
        Arbitraries.just(ScaleRequest.newBuilder()));
    Arbitrary<String> scaleSet = Arbitraries.oneOf(Arbitraries.just("backend"), names());
    return change.flatMap(b -> scaleSet.flatMap(name -> texts().map(reason ->
        b.clone().setScaleSet(name).setReason(reason).build())));
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of("api", "vms", "healthz", "readyz", "metrics", "..", "%00"),
        Arbitraries.strings().ofMaxLength(40).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)));
    return Arbitraries.oneOf(
        segment.list().ofMaxSize(5).map(parts -> "/" + String.join("/", parts)),
        Arbitraries.of("/api/vms?x=1", "/api/vms/", "/metrics?name[]=x", "/" + "a".repeat(100_000)));
  }

  @Provide
  Arbitrary<String> bodies() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200), Arbitraries.just("{\"vms\": []}"),
        Arbitraries.just("x".repeat(2_000_000)));
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80), Arbitraries.just("b".repeat(10_000)));
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200), Arbitraries.just("r".repeat(100_000)));
  }

  private static ConsoleGrpc.ConsoleBlockingStub console() {
    return ConsoleGrpc.newBlockingStub(channel).withCallCredentials(bearer("operator-token"))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static void assertUnchanged() {
    assertThat(plane.publisher().current().orElseThrow().state().version()).isEqualTo(version);
    assertThat(plane.scaleController("backend").orElseThrow().capacity().getAsInt()).isEqualTo(2);
  }
}
