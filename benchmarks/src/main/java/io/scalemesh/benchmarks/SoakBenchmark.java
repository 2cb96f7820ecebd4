package io.scalemesh.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.config.ScalemeshConfig;
import io.scalemesh.controlplane.fixtures.AdsStream;
import io.scalemesh.controlplane.fixtures.TestChannels;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.fixtures.TestHttp;
import io.scalemesh.controlplane.fixtures.TestTokens;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.publish.Published;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.ScaleRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A bounded soak: a simulated scale set that an operator rescales every 5 s through the console
 * API, watched by console status streams and served to raw ADS streams, while clients are cut and
 * reconnect at random. It passes when every scale call succeeded, no stream was ended by the
 * control plane, no refresh failed, every client converged on the last version and the control
 * plane knows exactly the connected proxies, and heap after GC at the end is at most 10% above heap
 * after GC at the end of the warm-up. Both heap readings are taken at the same capacity, every
 * instance ready. The clients share this JVM; their number is fixed, so they add about the same to
 * both readings.
 *
 * <pre>./run bench soak [minutes=10] [ads_streams=200] [watch_streams=20] [seed]</pre>
 */
public final class SoakBenchmark {
  private static final String SERVICE = "backend";
  private static final String OPERATOR_TOKEN = "soak-operator-token";
  private static final String VIEWER_TOKEN = "soak-viewer-token";
  private static final int MIN_CAPACITY = 2;
  private static final int MAX_CAPACITY = 12;
  private static final long SCALE_EVERY_SECONDS = 5;
  private static final Duration WARM_UP = Duration.ofMinutes(1);
  private static final int ADS_STREAMS_PER_CHANNEL = 10;
  private static final double HEAP_GROWTH_ALLOWED = 0.10;

  /** The capacity both heap readings are taken at, every instance ready, so that they compare. */
  private static final int SETTLED_CAPACITY = 6;

  private final Random random;
  private final List<String> errors = new ArrayList<>();
  private int scaleCalls;
  private int adsReconnects;
  private int watchReconnects;
  private int connectionDrops;

  private SoakBenchmark(long seed) {
    this.random = new Random(seed);
  }

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    if (minutes < 2) {
      System.err.println(
          "a soak needs at least 2 minutes: one of warm-up and one to compare with it");
      System.exit(2);
    }
    int adsStreams = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int watchStreams = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : System.nanoTime();
    System.out.printf(
        "soak: %d min, %d ADS streams, %d Watch streams, a scale call every %d s, seed %d%n",
        minutes, adsStreams, watchStreams, SCALE_EVERY_SECONDS, seed);
    boolean passed =
        new SoakBenchmark(seed).run(Duration.ofMinutes(minutes), adsStreams, watchStreams);
    System.exit(passed ? 0 : 1);
  }

  private boolean run(Duration length, int adsStreams, int watchStreams) throws Exception {
    try (ControlPlane plane = ControlPlane.start(config(), Clock.systemUTC())) {
      AdsClients ads = new AdsClients(plane.xdsPort(), adsStreams);
      List<ManagedChannel> consoles = new ArrayList<>();
      List<WatchStream> watches = new ArrayList<>();
      for (int i = 0; i < watchStreams; i++) {
        consoles.add(TestChannels.plaintext(plane.consoleApiPort()));
        watches.add(WatchStream.open(consoles.getLast(), VIEWER_TOKEN));
      }
      ManagedChannel operatorChannel = TestChannels.plaintext(plane.consoleApiPort());
      var operator =
          ConsoleGrpc.newBlockingStub(operatorChannel)
              .withCallCredentials(TestTokens.bearer(OPERATOR_TOKEN));

      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long startedAt = System.nanoTime();
      long warmedUpAt = startedAt + WARM_UP.toNanos();
      long endsAt = startedAt + length.toNanos();
      long heapAfterWarmUp = -1;
      long cpuAfterWarmUp = 0;
      int capacity = MIN_CAPACITY;
      for (long second = 1; System.nanoTime() < endsAt; second++) {
        TimeUnit.NANOSECONDS.sleep(
            startedAt + TimeUnit.SECONDS.toNanos(second) - System.nanoTime());
        if (second % SCALE_EVERY_SECONDS == 0) {
          capacity = scale(operator, capacity);
        }
        ads.disconnectRandomly();
        if (second % 5 == 0) {
          int i = random.nextInt(watches.size());
          checkOpen("Watch stream " + i, watches.get(i).error());
          watches.get(i).disconnect();
          watches.set(i, WatchStream.open(consoles.get(i), VIEWER_TOKEN));
          watchReconnects++;
        }
        if (second % 30 == 0) {
          ads.dropConnection();
        }
        if (heapAfterWarmUp < 0 && System.nanoTime() >= warmedUpAt) {
          settle(operator, plane);
          capacity = SETTLED_CAPACITY;
          heapAfterWarmUp = heapAfterGc();
          cpuAfterWarmUp = os.getProcessCpuTime();
          System.out.printf("after the warm-up: heap after GC %.1f MB%n", heapAfterWarmUp / 1e6);
        }
        if (second % 60 == 0) {
          System.out.printf(
              "%d min: %d scale calls, %d ADS and %d Watch reconnects, %d connection drops, %d errors%n",
              second / 60,
              scaleCalls,
              adsReconnects,
              watchReconnects,
              connectionDrops,
              errors.size());
        }
      }
      double cpuSeconds = (os.getProcessCpuTime() - cpuAfterWarmUp) / 1e9;
      double wallSeconds = (System.nanoTime() - warmedUpAt) / 1e9;

      settle(operator, plane);
      String meshVersion = converged(plane, ads, watches);
      long heapAtEnd = heapAfterGc();
      double growth = (double) (heapAtEnd - heapAfterWarmUp) / heapAfterWarmUp;
      if (plane.proxies().size() != adsStreams) {
        errors.add(
            plane.proxies().size()
                + " proxies known to the control plane, "
                + adsStreams
                + " connected");
      }
      discoveryFailures(plane).ifPresent(errors::add);
      ads.checkAllOpen();
      for (int i = 0; i < watches.size(); i++) {
        checkOpen("Watch stream " + i, watches.get(i).error());
      }
      System.out.printf(
          "%d scale calls, %d ADS and %d Watch reconnects, %d connection drops%n",
          scaleCalls, adsReconnects, watchReconnects, connectionDrops);
      System.out.printf(
          "all %d ADS and %d Watch streams converged on mesh version %s (%d ready instances)%n",
          adsStreams, watchStreams, meshVersion, SETTLED_CAPACITY);
      System.out.printf(
          "heap after GC: %.1f MB after the warm-up, %.1f MB at the end (%+.1f%%, allowed %+.0f%%),"
              + " each at %d ready instances%n",
          heapAfterWarmUp / 1e6,
          heapAtEnd / 1e6,
          100 * growth,
          100 * HEAP_GROWTH_ALLOWED,
          SETTLED_CAPACITY);
      System.out.printf(
          "process CPU after the warm-up: %.0f%% of one core%n", 100 * cpuSeconds / wallSeconds);
      System.out.printf(
          "errors: %d%s%n", errors.size(), errors.isEmpty() ? "" : ", first: " + errors.getFirst());
      ads.close();
      Stream.concat(consoles.stream(), Stream.of(operatorChannel))
          .forEach(ManagedChannel::shutdownNow);
      boolean passed = errors.isEmpty() && growth <= HEAP_GROWTH_ALLOWED;
      System.out.println(passed ? "PASSED" : "FAILED");
      return passed;
    }
  }

  /**
   * Sets a random capacity within the bounds, other than the current one; returns the capacity now.
   */
  private int scale(ConsoleGrpc.ConsoleBlockingStub operator, int capacity) {
    int target = capacity;
    while (target == capacity) {
      target = MIN_CAPACITY + random.nextInt(MAX_CAPACITY - MIN_CAPACITY + 1);
    }
    return scaleTo(operator, target) ? target : capacity;
  }

  private boolean scaleTo(ConsoleGrpc.ConsoleBlockingStub operator, int target) {
    try {
      operator
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .scale(
              ScaleRequest.newBuilder()
                  .setScaleSet(SERVICE)
                  .setSetCapacity(target)
                  .setReason("soak")
                  .build());
      scaleCalls++;
      return true;
    } catch (StatusRuntimeException e) {
      errors.add("scale to " + target + ": " + e.getStatus());
      return false;
    }
  }

  /**
   * Waits until a fresh ADS stream, every load stream and every Watch stream hold what the control
   * plane publishes now; returns the mesh version.
   */
  private String converged(ControlPlane plane, AdsClients ads, List<WatchStream> watches)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String mesh = plane.publisher().current().map(Published::state).orElseThrow().version();
      String endpoints = ads.freshVersion();
      if (ads.allHold(endpoints)
          && watches.stream().allMatch(w -> w.snapshotVersion().equals(mesh))) {
        return mesh;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    errors.add("the clients did not converge on one version within 60 s of the last change");
    return "(none)";
  }

  /**
   * Scales to {@link #SETTLED_CAPACITY} and waits until the control plane publishes exactly that
   * many instances, all ready: no booting or draining ones, whose servers would weigh on the heap.
   */
  private void settle(ConsoleGrpc.ConsoleBlockingStub operator, ControlPlane plane)
      throws InterruptedException {
    scaleTo(operator, SETTLED_CAPACITY);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      List<Instance> published =
          plane.publisher().current().map(Published::state).orElseThrow().services().stream()
              .flatMap(service -> service.instances().stream())
              .toList();
      if (published.size() == SETTLED_CAPACITY
          && published.stream().allMatch(i -> i.state() == InstanceState.READY)) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    errors.add(
        "the control plane did not publish " + SETTLED_CAPACITY + " ready instances within 30 s");
  }

  /**
   * A refresh of the simulated scale set that failed would only be kept quiet by keep-last-good.
   */
  private static Optional<String> discoveryFailures(ControlPlane plane)
      throws IOException, InterruptedException {
    return TestHttp.metrics(plane)
        .lines()
        .filter(
            line ->
                line.startsWith("scalemesh_discovery_refreshes_total{")
                    && line.contains("outcome=\"error\""))
        .filter(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) > 0)
        .findFirst()
        .map(line -> "discovery failed: " + line);
  }

  private void checkOpen(String what, Throwable error) {
    if (error != null) {
      errors.add(what + " was ended: " + error);
    }
  }

  /**
   * The heap in use straight after a full collection (the least of three, read before the load
   * allocates much again): the live set, give or take what a few milliseconds allocate.
   */
  private static long heapAfterGc() {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  private static ScalemeshConfig config() throws IOException {
    return TestConfigs.fromYaml(
        Files.createTempDirectory("scalemesh-soak"),
        """
        console_api:
          tokens:
            - {identity: soak-operator, role: operator, sha256: %s}
            - {identity: soak-viewer, role: viewer, sha256: %s}
        services:
          - name: %s
            discovery: {kind: simulated, capacity: %d, boot_seconds: 1, drain_seconds: 1, cpu_capacity: 100}
            autoscale: {enabled: false, minimum: %d, maximum: %d}
        """
            .formatted(
                TestTokens.sha(OPERATOR_TOKEN),
                TestTokens.sha(VIEWER_TOKEN),
                SERVICE,
                MIN_CAPACITY,
                MIN_CAPACITY,
                MAX_CAPACITY));
  }

  /** The ADS load: streams over a few connections, some cut every second and reopened at once. */
  private final class AdsClients implements AutoCloseable {
    private final int port;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<AdsStream> streams = new ArrayList<>();

    AdsClients(int port, int count) {
      this.port = port;
      for (int i = 0; i < count; i++) {
        if (i % ADS_STREAMS_PER_CHANNEL == 0) {
          channels.add(TestChannels.plaintext(port));
        }
        streams.add(AdsStream.open(channels.getLast(), "soak-" + i, SERVICE));
      }
    }

    /** Cuts two streams, as proxies that restart, and reconnects them. */
    void disconnectRandomly() {
      for (int n = 0; n < 2; n++) {
        int i = random.nextInt(streams.size());
        checkOpen(i);
        streams.get(i).disconnect();
        streams.set(
            i, AdsStream.open(channels.get(i / ADS_STREAMS_PER_CHANNEL), "soak-" + i, SERVICE));
        adsReconnects++;
      }
    }

    /** Drops one connection and its streams, as a network fault does, and reconnects them. */
    void dropConnection() {
      int c = random.nextInt(channels.size());
      int from = c * ADS_STREAMS_PER_CHANNEL;
      int to = Math.min(streams.size(), from + ADS_STREAMS_PER_CHANNEL);
      for (int i = from; i < to; i++) {
        checkOpen(i);
      }
      channels.get(c).shutdownNow();
      channels.set(c, TestChannels.plaintext(port));
      for (int i = from; i < to; i++) {
        streams.set(i, AdsStream.open(channels.get(c), "soak-" + i, SERVICE));
      }
      connectionDrops++;
    }

    private void checkOpen(int i) {
      SoakBenchmark.this.checkOpen("ADS stream " + i, streams.get(i).error());
    }

    /** What a proxy that connects now gets. */
    String freshVersion() throws InterruptedException {
      ManagedChannel channel = TestChannels.plaintext(port);
      try {
        AdsStream probe = AdsStream.open(channel, "soak-probe", SERVICE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (probe.version().isEmpty() && System.nanoTime() < deadline) {
          TimeUnit.MILLISECONDS.sleep(10);
        }
        return probe.version();
      } finally {
        channel.shutdownNow();
      }
    }

    boolean allHold(String version) {
      return streams.stream().allMatch(stream -> stream.version().equals(version));
    }

    void checkAllOpen() {
      for (int i = 0; i < streams.size(); i++) {
        checkOpen(i);
      }
    }

    @Override
    public void close() {
      channels.forEach(ManagedChannel::shutdownNow);
    }
  }
}
