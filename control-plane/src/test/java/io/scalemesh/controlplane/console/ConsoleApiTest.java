package io.scalemesh.controlplane.console;

import static io.scalemesh.controlplane.fixtures.TestTokens.bearer;
import static io.scalemesh.controlplane.fixtures.TestTokens.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.events.Event;
import io.scalemesh.controlplane.fixtures.AdsSubscriber;
import io.scalemesh.controlplane.fixtures.CountingCaller;
import io.scalemesh.controlplane.fixtures.PublishedInstances;
import io.scalemesh.controlplane.fixtures.StreamObservers;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.fixtures.TestHttp;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.xds.ProxyStatus;
import io.scalemesh.controlplane.xds.client.ProxylessChannels;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.EventKind;
import io.scalemesh.model.console.v1.FailCallsRequest;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.ScaleRequest;
import io.scalemesh.model.console.v1.ScaleResponse;
import io.scalemesh.model.console.v1.StatusAtRequest;
import io.scalemesh.model.console.v1.StatusAtResponse;
import io.scalemesh.model.console.v1.WatchRequest;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The console API with a real gRPC client: Watch, Scale, roles, audit, health and reflection. */
class ConsoleApiTest {

  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private ControlPlane plane;
  private ManagedChannel channel;
  private Path audit;

  @BeforeEach
  void start() throws Exception {
    audit = TestConfigs.auditLog(dir);
    plane =
        teardown.add(
            ControlPlane.start(
                TestConfigs.fromYaml(
                    dir,
                    """
        console_api:
          tokens:
            - {identity: ops, role: operator, sha256: %s}
            - {identity: watcher, role: viewer, sha256: %s}
        simulation: {time_scale: 60}
        services:
          - name: backend
            discovery: {kind: simulated, capacity: 2, boot_seconds: 0.2, drain_seconds: 0.2}
            autoscale: {enabled: false, minimum: 1, maximum: 4}
        """
                        .formatted(sha("operator-token"), sha("viewer-token"))),
                Clock.systemUTC()));
    channel = teardown.plaintextChannel(plane.consoleApiPort());
  }

  @Test
  void watchGivesStateAndHistoryThenUpdatesAndAnOperatorsScaleShowsInTheStreamAndInXds()
      throws Exception {
    await().until(() -> plane.publisher().current().isPresent());
    Thread.sleep(1_500); // a few CPU grains (1 simulated minute = 1 s at 60x) for the history
    BlockingQueue<WatchUpdate> updates = watch("viewer-token");

    WatchUpdate first = updates.poll(10, TimeUnit.SECONDS);
    assertThat(first).isNotNull();
    assertThat(first.getIdentity()).isEqualTo("watcher");
    assertThat(first.getMayScale()).isFalse();
    assertThat(first.getStatus().getScaleSets(0).getName()).isEqualTo("backend");
    assertThat(first.getStatus().getScaleSets(0).getCapacity()).isEqualTo(2);
    assertThat(first.getStatus().getScaleSets(0).getBounds().getMaximum()).isEqualTo(4);
    assertThat(first.getStatus().getXds().getSnapshotVersion()).isNotEmpty();
    assertThat(first.getHistory().getCpuList()).isNotEmpty();
    // Each instance says since when it has been in its state, no later than now.
    assertThat(first.getStatus().getScaleSets(0).getInstancesList())
        .allSatisfy(
            instance -> {
              assertThat(instance.hasSince()).isTrue();
              assertThat(instance.getSince().getSeconds())
                  .isLessThanOrEqualTo(first.getStatus().getObservedAt().getSeconds());
            });
    assertThat(first.getHistory().getEventsList())
        .extracting(e -> e.getKind())
        .contains(EventKind.EVENT_KIND_INSTANCE_ADDED, EventKind.EVENT_KIND_SNAPSHOT_PUBLISHED);

    ScaleResponse scaled = stub("operator-token").scale(outByOne("k1"));
    assertThat(scaled.getPreviousCapacity()).isEqualTo(2);
    assertThat(scaled.getNewCapacity()).isEqualTo(3);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              WatchUpdate update = updates.poll(1, TimeUnit.SECONDS);
              return update != null
                  && update.getStatus().getScaleSets(0).getCapacity() == 3
                  && update
                      .getStatus()
                      .getScaleSets(0)
                      .getLastScaleAction()
                      .getActor()
                      .equals("ops");
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                PublishedInstances.of(plane).stream()
                        .filter(i -> i.state() == InstanceState.READY)
                        .count()
                    == 3);

    // A console that connects now gets the counts from before the scale-out too.
    WatchUpdate later = watch("viewer-token").poll(10, TimeUnit.SECONDS);
    assertThat(later.getHistory().getInstanceCountsList())
        .extracting(c -> c.getDesired())
        .contains(2, 3);

    // The same idempotency key changes nothing again.
    ScaleResponse repeated = stub("operator-token").scale(outByOne("k1"));
    assertThat(repeated.getNewCapacity()).isEqualTo(3);
    assertThat(plane.scaleController("backend").orElseThrow().capacity().getAsInt()).isEqualTo(3);
  }

  @Test
  void statusAtShowsAViewerTheMeshAsItWasBeforeAScaleOutAndAStrangerNothing() throws Exception {
    BlockingQueue<WatchUpdate> updates = watch("viewer-token");
    WatchUpdate before = next(updates, status -> status.getScaleSets(0).getInstancesCount() == 2);
    // 100 ms is 6 s of the mesh's clock at 60x: the scale-out falls in a later frame (one a
    // second).
    Thread.sleep(100);
    stub("operator-token").scale(outByOne("time-travel"));
    WatchUpdate after = next(updates, status -> status.getScaleSets(0).getInstancesCount() == 3);

    StatusAtResponse then =
        stub("viewer-token")
            .statusAt(
                StatusAtRequest.newBuilder().setAt(before.getStatus().getObservedAt()).build());
    assertThat(then.getStatus().getScaleSets(0).getCapacity()).isEqualTo(2);
    assertThat(then.getStatus().getScaleSets(0).getInstancesCount()).isEqualTo(2);
    assertThat(then.getStatus().getProxiesList()).isEqualTo(before.getStatus().getProxiesList());
    assertThat(seconds(then.getStatus().getObservedAt()))
        .isBeforeOrEqualTo(seconds(before.getStatus().getObservedAt()));
    assertThat(seconds(then.getEarliest()))
        .isBeforeOrEqualTo(seconds(before.getStatus().getObservedAt()));
    assertThat(seconds(then.getLatest()))
        .isAfterOrEqualTo(seconds(after.getStatus().getObservedAt()));

    // The latest kept status (asked for a moment after it): one a second of the mesh's clock, so
    // the one the scale-out's record reached may follow the first with 3 instances.
    Timestamp later =
        then.getLatest().toBuilder().setSeconds(then.getLatest().getSeconds() + 3_600).build();
    await()
        .untilAsserted(
            () -> {
              StatusAtResponse now =
                  stub("viewer-token").statusAt(StatusAtRequest.newBuilder().setAt(later).build());
              assertThat(now.getStatus().getScaleSets(0).getCapacity()).isEqualTo(3);
              assertThat(now.getStatus().getScaleSets(0).getLastScaleAction().getActor())
                  .isEqualTo("ops");
            });

    assertCode(
        () -> stub("stolen-token").statusAt(StatusAtRequest.getDefaultInstance()),
        Status.Code.UNAUTHENTICATED);
  }

  /** The first update from {@code updates} whose status satisfies {@code wanted}. */
  private static WatchUpdate next(BlockingQueue<WatchUpdate> updates, Predicate<MeshStatus> wanted)
      throws InterruptedException {
    while (true) {
      WatchUpdate update = updates.poll(30, TimeUnit.SECONDS);
      assertThat(update).as("an update within 30 s").isNotNull();
      if (update.getStatus().getScaleSetsCount() > 0 && wanted.test(update.getStatus())) {
        return update;
      }
    }
  }

  private static ScaleRequest outByOne(String idempotencyKey) {
    return ScaleRequest.newBuilder()
        .setScaleSet("backend")
        .setScaleOutBy(1)
        .setReason("test")
        .setIdempotencyKey(idempotencyKey)
        .build();
  }

  private static Instant seconds(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  @Test
  void everyRefusedScaleIsRefusedWithItsCodeChangesNothingAndIsAudited() throws Exception {
    // Everything the control plane might log while refusing, at every level.
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger scalemesh = (Logger) LoggerFactory.getLogger("io.scalemesh");
    Level configured = scalemesh.getLevel();
    scalemesh.setLevel(Level.TRACE);
    logs.start();
    scalemesh.addAppender(logs);
    try {
      refuseEveryKindOfScale();
    } finally {
      scalemesh.detachAppender(logs);
      scalemesh.setLevel(configured);
    }
    assertThat(logs.list)
        .extracting(
            event ->
                event.getFormattedMessage()
                    + (event.getThrowableProxy() == null
                        ? ""
                        : event.getThrowableProxy().getMessage()))
        .noneMatch(
            line ->
                line.contains("operator-token")
                    || line.contains("stolen-token")
                    || line.contains("viewer-token"));
  }

  private void refuseEveryKindOfScale() throws Exception {
    ScaleRequest outByOne =
        ScaleRequest.newBuilder().setScaleSet("backend").setScaleOutBy(1).build();

    assertCode(() -> stub("viewer-token").scale(outByOne), Status.Code.PERMISSION_DENIED);
    assertCode(
        () -> ConsoleGrpc.newBlockingStub(channel).scale(outByOne), Status.Code.UNAUTHENTICATED);
    assertCode(() -> stub("stolen-token").scale(outByOne), Status.Code.UNAUTHENTICATED);
    assertCode(
        () ->
            stub("operator-token")
                .scale(ScaleRequest.newBuilder().setScaleSet("backend").setSetCapacity(9).build()),
        Status.Code.FAILED_PRECONDITION);
    assertCode(
        () ->
            stub("operator-token")
                .scale(ScaleRequest.newBuilder().setScaleSet("backend").setScaleInBy(0).build()),
        Status.Code.INVALID_ARGUMENT);
    assertCode(
        () ->
            stub("operator-token")
                .scale(ScaleRequest.newBuilder().setScaleSet("frontend").setScaleOutBy(1).build()),
        Status.Code.INVALID_ARGUMENT);
    assertCode(() -> watch(ConsoleGrpc.newBlockingStub(channel)), Status.Code.UNAUTHENTICATED);

    assertThat(plane.scaleController("backend").orElseThrow().capacity().getAsInt()).isEqualTo(2);
    List<JsonNode> lines = Files.readAllLines(audit).stream().map(ConsoleApiTest::json).toList();
    assertThat(lines)
        .extracting(
            line -> line.get("identity").asText() + " " + line.at("/outcome/reason").asText())
        .containsExactly(
            "watcher not_an_operator",
            "anonymous unauthenticated",
            "anonymous unauthenticated",
            "ops out_of_bounds",
            "ops invalid",
            "ops invalid");
    assertThat(lines.get(3).get("scale_set").asText()).isEqualTo("backend");
    assertThat(lines.get(3).at("/request/amount").asInt()).isEqualTo(9);
    assertThat(lines.get(3).get("time").asText()).isNotEmpty();
    assertThat(Files.readString(audit)).doesNotContain("operator-token", "stolen-token");
  }

  @Test
  void healthAndReflectionAnswerForGrpcurl() throws Exception {
    assertThat(
            HealthGrpc.newBlockingStub(channel)
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

    BlockingQueue<ServerReflectionResponse> answers = new LinkedBlockingQueue<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(StreamObservers.onEach(answers::add));
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    ServerReflectionResponse services = answers.poll(10, TimeUnit.SECONDS);
    requests.onCompleted();
    assertThat(services.getListServicesResponse().getServiceList())
        .extracting(service -> service.getName())
        .contains("scalemesh.console.v1.Console", "grpc.health.v1.Health");
  }

  @Test
  void anOperatorMakesAnInstanceFailCallsAViewerCannotAndBothAreAudited() throws Exception {
    PublishedInstances.awaitReady(plane, 2);
    FailCallsRequest half =
        FailCallsRequest.newBuilder()
            .setScaleSet("backend")
            .setInstance("backend_0")
            .setShare(1.0)
            .setReason("demo")
            .build();

    assertCode(() -> stub("viewer-token").failCalls(half), Status.Code.PERMISSION_DENIED);
    assertCode(
        () -> stub("operator-token").failCalls(half.toBuilder().setShare(1.5).build()),
        Status.Code.INVALID_ARGUMENT);
    assertCode(
        () -> stub("operator-token").failCalls(half.toBuilder().setInstance("nope").build()),
        Status.Code.NOT_FOUND);
    assertThat(stub("operator-token").failCalls(half).getPreviousShare()).isZero();

    CountingCaller caller =
        new CountingCaller(
            teardown.add(
                ProxylessChannels.channel("backend", "127.0.0.1", plane.xdsPort(), "caller")));
    caller.call(50);
    assertThat(caller.failed()).containsOnlyKeys("backend_0");
    assertThat(caller.served()).containsOnlyKeys("backend_1");
    assertThat(plane.events().since(Instant.EPOCH))
        .extracting(Event::message)
        .contains("ops made backend_0 fail 100% of its calls (was 0%): demo");
    List<String> lines = Files.readAllLines(audit);
    assertThat(lines.stream().map(ConsoleApiTest::json))
        .filteredOn(line -> line.at("/request/kind").asText().equals("FAIL_CALLS"))
        .extracting(line -> line.at("/outcome/result").asText())
        .containsExactly("rejected", "rejected", "rejected", "done");
  }

  @Test
  void theWatchTellsHowLongSnapshotsTookToReachEveryProxyAsTheMetricsDo() throws Exception {
    await().until(() -> plane.publisher().current().isPresent());
    try (AdsSubscriber proxy = AdsSubscriber.endpointsOf(plane.xdsPort(), "backend")) {
      await().until(() -> !proxy.endpointsVersion().isEmpty());
      plane.scaleController("backend").orElseThrow().setCapacity(3).get();
      await()
          .until(
              () ->
                  proxy.endpoints().size() == 3
                      && plane.proxies().stream().allMatch(ProxyStatus::inSync));

      WatchUpdate first = watch("viewer-token").poll(10, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.getStatus().getXds().hasLastConverged()).isTrue();
      assertThat(first.getHistory().getConvergenceList())
          .contains(first.getStatus().getXds().getLastConverged());
      assertThat(TestHttp.metrics(plane))
          .containsPattern("scalemesh_xds_snapshot_convergence_seconds_count [1-9]")
          .containsPattern("scalemesh_xds_proxy_convergence_seconds_count [1-9]");
    }
  }

  private BlockingQueue<WatchUpdate> watch(String token) {
    BlockingQueue<WatchUpdate> updates = new LinkedBlockingQueue<>();
    ConsoleGrpc.newStub(channel)
        .withCallCredentials(bearer(token))
        .watch(WatchRequest.getDefaultInstance(), StreamObservers.onEach(updates::add));
    return updates;
  }

  private static Object watch(ConsoleGrpc.ConsoleBlockingStub stub) {
    return stub.watch(WatchRequest.getDefaultInstance()).next();
  }

  private ConsoleGrpc.ConsoleBlockingStub stub(String token) {
    return ConsoleGrpc.newBlockingStub(channel)
        .withCallCredentials(bearer(token))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static void assertCode(Runnable call, Status.Code code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
  }

  private static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
