package io.scalemesh.benchmarks;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.discovery.simulated.SimulatedScaleSet;
import io.scalemesh.controlplane.fixtures.ManualSource;
import io.scalemesh.controlplane.fixtures.TestChannels;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.xds.client.ProxylessChannels;
import io.scalemesh.model.demo.v1.BackendGrpc;
import io.scalemesh.model.demo.v1.WhoAmIRequest;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * How long a capacity change takes to reach a warm proxyless gRPC client, boot and drain excluded:
 * from an instance being reported ready to the first call it serves, and from an instance being
 * reported draining to the last call it serves.
 *
 * <p>Usage: {@code ./run bench propagation [EVENTS]} (default 25 scale-outs and 25 scale-ins).
 */
public final class PropagationBenchmark {
  private static final String SERVICE = "backend";
  private static final int BASE_CAPACITY = 4;
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  /** When each instance was first reported in each state, in System.nanoTime(). */
  private final Map<String, Map<InstanceState, Long>> reported = new ConcurrentHashMap<>();

  /** When the client first and last got an answer from each instance. */
  private final Map<String, Long> firstServed = new ConcurrentHashMap<>();

  private final Map<String, Long> lastServed = new ConcurrentHashMap<>();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile String lastFailure = "none";

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 25;
    new PropagationBenchmark().run(events);
    System.exit(0);
  }

  private void run(int events) throws Exception {
    // The simulated scale set reports through a ManualSource, so that each report is timed first.
    ManualSource source = new ManualSource(SERVICE);
    try (ControlPlane plane =
            source.plane(Files.createTempDirectory("scalemesh-bench-propagation"));
        SimulatedScaleSet scaleSet =
            new SimulatedScaleSet(
                SERVICE,
                BASE_CAPACITY,
                "127.0.0.1",
                Duration.ofMillis(500),
                Duration.ofMillis(1000),
                100,
                Clock.systemUTC())) {
      scaleSet.start(
          report -> {
            noteReported(report);
            source.forward(report);
          });
      ManagedChannel channel =
          ProxylessChannels.channel(SERVICE, "127.0.0.1", plane.xdsPort(), "propagation-bench");
      BackendGrpc.BackendBlockingStub backend = BackendGrpc.newBlockingStub(channel);
      AtomicBoolean running = new AtomicBoolean(true);
      Thread caller =
          Thread.ofPlatform().name("caller").daemon().start(() -> callLoop(backend, running));

      await(() -> servedInstances() >= BASE_CAPACITY, "the warm-up");
      List<Long> scaleOut = new ArrayList<>();
      List<Long> scaleIn = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        int newIndex = BASE_CAPACITY + i; // the simulated scale set numbers instances in order
        String added = SERVICE + "_" + newIndex;
        scaleSet.setCapacity(BASE_CAPACITY + 1).get();
        await(() -> firstServed.containsKey(added), added + " serving");
        scaleOut.add(firstServed.get(added) - reportedAt(added, InstanceState.READY));

        scaleSet.setCapacity(BASE_CAPACITY).get();
        await(() -> isGone(plane, added), added + " leaving");
        Long drainingAt = reportedAt(added, InstanceState.DRAINING);
        // A call served before the drain was reported counts as 0: it was on time.
        scaleIn.add(Math.max(0, lastServed.get(added) - drainingAt));
      }
      running.set(false);
      caller.join();
      TestChannels.close(channel);

      System.out.println(
          "Propagation to a warm proxyless gRPC client (grpc-xds), " + events + " events each way");
      System.out.println("  ready -> first call served      " + Percentiles.ofNanos(scaleOut));
      System.out.println("  draining -> last call served    " + Percentiles.ofNanos(scaleIn));
      System.out.println("  calls " + calls.get() + ", failed " + failures.get());
    }
  }

  private static boolean isGone(ControlPlane plane, String instance) {
    return plane
        .publisher()
        .current()
        .orElseThrow()
        .state()
        .services()
        .getFirst()
        .instances()
        .stream()
        .noneMatch(i -> i.name().equals(instance));
  }

  private long reportedAt(String instance, InstanceState state) {
    return reported.get(instance).get(state);
  }

  private int servedInstances() {
    return firstServed.size();
  }

  private void callLoop(BackendGrpc.BackendBlockingStub backend, AtomicBoolean running) {
    while (running.get()) {
      calls.incrementAndGet();
      try {
        String instance =
            backend
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .whoAmI(WhoAmIRequest.getDefaultInstance())
                .getInstance();
        long now = System.nanoTime();
        firstServed.putIfAbsent(instance, now);
        lastServed.put(instance, now);
      } catch (StatusRuntimeException e) {
        failures.incrementAndGet();
        lastFailure = e.getStatus().toString();
      }
    }
  }

  private void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "timed out waiting for "
                + what
                + " after "
                + calls.get()
                + " calls, "
                + failures.get()
                + " failed, the last with "
                + lastFailure
                + "; served last: "
                + lastServed.keySet());
      }
      Thread.sleep(1);
    }
  }

  /** Notes when each instance was first reported in each state. */
  private void noteReported(DiscoveryReport report) {
    long now = System.nanoTime();
    if (report instanceof DiscoveryReport.Complete complete) {
      for (Instance instance : complete.instances()) {
        reported
            .computeIfAbsent(instance.name(), name -> new ConcurrentHashMap<>())
            .putIfAbsent(instance.state(), now);
      }
    }
  }
}
