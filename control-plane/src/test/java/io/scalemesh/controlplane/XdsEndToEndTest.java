package io.scalemesh.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.scalemesh.controlplane.fixtures.PublishedInstances;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.publish.PublishListener;
import io.scalemesh.controlplane.publish.Published;
import io.scalemesh.controlplane.scale.ScaleController;
import io.scalemesh.controlplane.xds.XdsResources;
import io.scalemesh.controlplane.xds.client.ProxylessChannels;
import io.scalemesh.model.demo.v1.BackendGrpc;
import io.scalemesh.model.demo.v1.Tick;
import io.scalemesh.model.demo.v1.TicksRequest;
import io.scalemesh.model.demo.v1.WhoAmIRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * grpc-java's xDS client, an independent implementation, against the control plane and a simulated
 * scale set whose instances are real gRPC servers.
 */
class XdsEndToEndTest {
  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private ControlPlane plane;
  private ManagedChannel channel;
  private BackendGrpc.BackendBlockingStub backend;
  private ScaleController scaleSet;

  private void start(int capacity) {
    plane =
        teardown.add(
            ControlPlane.start(TestConfigs.simulated(dir, capacity, 1.0, 1.5), Clock.systemUTC()));
    scaleSet = plane.scaleController("backend").orElseThrow();
    channel =
        teardown.add(
            ProxylessChannels.channel("backend", "127.0.0.1", plane.xdsPort(), "e2e-client"));
    backend = BackendGrpc.newBlockingStub(channel);
  }

  @Test
  void callsReachEveryReadyInstance() {
    start(3);
    Set<String> ready = awaitConverged(3);
    Set<String> served = ConcurrentHashMap.newKeySet();
    awaitFirstCalls()
        .untilAsserted(
            () -> {
              served.add(whoAmI());
              assertThat(served).isEqualTo(ready);
            });
  }

  @Test
  void scalingOutAndInUnderLoadFailsNoCallAndNeverRoutesToBootingOrGoneInstances()
      throws Exception {
    start(3);
    Set<String> initial = awaitConverged(3);
    awaitFirstCalls().until(() -> initial.contains(whoAmI()));

    CallLoop loop = new CallLoop();
    Thread caller = Thread.ofPlatform().name("call-loop").start(loop);
    try {
      for (int capacity : List.of(6, 2, 4)) {
        scaleSet.setCapacity(capacity).get();
        Set<String> ready = awaitConverged(capacity);
        long mark = loop.calls.get();
        // Once converged, every ready instance takes traffic, and only those do.
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(loop.servedSince(mark)).isEqualTo(ready));
      }
    } finally {
      loop.running.set(false);
      caller.join();
    }

    assertThat(loop.failures.size())
        .as("failed calls, the first: %s", loop.failures.values().stream().limit(3).toList())
        .isZero();
    assertThat(loop.calls.get()).isGreaterThan(100);
    Set<String> everReady = loop.served.stream().map(Served::instance).collect(Collectors.toSet());
    // 3 at start, 3 booted for 6, none for 2 (it drains 4), 2 booted for 4.
    assertThat(everReady).as("instances that served calls").hasSize(3 + 3 + 2);
  }

  /**
   * Every scale step publishes new localities (one per instance, for load reports), and a changed
   * EDS locality set is what grpc/grpc-java issue 13064 reports cancelling in-flight streams after.
   * A stream open from the start must see none of it: it keeps ticking, from the same instance, to
   * the end.
   */
  @Test
  void aLongLivedStreamOutlivesEveryLocalityChangeOfAScaleOutAndInWhileNoUnaryCallFails()
      throws Exception {
    TickRecorder ticks = streamFrom(2);
    List<Set<String>> localities = new CopyOnWriteArrayList<>();
    plane
        .publisher()
        .addListener(
            new PublishListener() {
              @Override
              public void published(Optional<Published> previous, Published next) {
                localities.add(localities(plane.served().orElseThrow()));
              }
            });

    CallLoop loop = new CallLoop();
    Thread caller = Thread.ofPlatform().name("call-loop").start(loop);
    try {
      for (int capacity : List.of(8, 2)) {
        scaleSet.setCapacity(capacity).get();
        awaitConverged(capacity);
      }
      long before = ticks.count.get();
      await().until(() -> ticks.count.get() > before + 10);
    } finally {
      loop.running.set(false);
      caller.join();
    }

    assertThat(loop.failures).as("failed unary calls").isEmpty();
    assertThat(ticks.error.get()).as("how the stream ended").isNull();
    assertThat(ticks.completed.get()).as("the stream ended").isFalse();
    assertThat(localities.stream().distinct())
        .as("locality sets published during the test")
        .hasSizeGreaterThan(2);
    String published = plane.served().orElseThrow().endpoints().version();
    await()
        .until(
            () ->
                plane.proxies().stream()
                    .anyMatch(
                        proxy ->
                            published.equals(proxy.ackedVersions().get("ClusterLoadAssignment"))));
  }

  /**
   * A stream on an instance that drains ends normally, so that its client can go elsewhere, not
   * with an error.
   */
  @Test
  void aDrainingInstanceEndsItsStreamsNormally() throws Exception {
    TickRecorder ticks = streamFrom(1);

    scaleSet.setCapacity(0).get();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ticks.completed.get() || ticks.error.get() != null);
    assertThat(ticks.error.get()).as("how the stream ended").isNull();
  }

  /**
   * A control plane over {@code capacity} ready instances, and a Ticks stream open to one of them.
   */
  private TickRecorder streamFrom(int capacity) {
    start(capacity);
    Set<String> ready = awaitConverged(capacity);
    awaitFirstCalls().until(() -> ready.contains(whoAmI()));
    TickRecorder ticks = new TickRecorder();
    BackendGrpc.newStub(channel)
        .ticks(TicksRequest.newBuilder().setIntervalMillis(50).build(), ticks);
    await().until(() -> ticks.count.get() > 0);
    return ticks;
  }

  private static Set<String> localities(XdsResources served) {
    return served.endpoints().resources().getFirst().getEndpointsList().stream()
        .map(l -> l.getLocality().getZone() + "/" + l.getLocality().getSubZone())
        .collect(Collectors.toSet());
  }

  private Set<String> awaitConverged(int capacity) {
    return PublishedInstances.awaitReady(plane, capacity);
  }

  /**
   * A wait for the client's first calls: until its name resolver has its first xDS answers, which
   * takes longer than a call's deadline on a loaded machine, a call fails; it is tried again.
   */
  private static ConditionFactory awaitFirstCalls() {
    return await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptionsInstanceOf(StatusRuntimeException.class);
  }

  private String whoAmI() {
    return backend
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .whoAmI(WhoAmIRequest.getDefaultInstance())
        .getInstance();
  }

  private record Served(long call, String instance) {}

  /** Receives a Ticks stream: how many ticks, and how it ended. */
  private static final class TickRecorder implements StreamObserver<Tick> {
    final AtomicLong count = new AtomicLong();
    final AtomicReference<Throwable> error = new AtomicReference<>();
    final AtomicBoolean completed = new AtomicBoolean();

    @Override
    public void onNext(Tick tick) {
      count.incrementAndGet();
    }

    @Override
    public void onError(Throwable t) {
      error.set(t);
    }

    @Override
    public void onCompleted() {
      completed.set(true);
    }
  }

  /** Calls in a loop and records where each call went, and every failure. */
  private final class CallLoop implements Runnable {
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong calls = new AtomicLong();
    final List<Served> served = new CopyOnWriteArrayList<>();
    final Map<Long, String> failures = new ConcurrentHashMap<>();

    @Override
    public void run() {
      while (running.get()) {
        long call = calls.incrementAndGet();
        try {
          served.add(new Served(call, whoAmI()));
        } catch (StatusRuntimeException e) {
          failures.put(call, e.getStatus().toString());
        }
      }
    }

    Set<String> servedSince(long call) {
      return served.stream()
          .filter(s -> s.call() > call)
          .map(Served::instance)
          .collect(Collectors.toSet());
    }
  }
}
