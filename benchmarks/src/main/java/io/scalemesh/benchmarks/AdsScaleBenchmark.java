package io.scalemesh.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.grpc.ManagedChannel;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.AdsStream;
import io.scalemesh.controlplane.fixtures.ManualSource;
import io.scalemesh.controlplane.fixtures.TestChannels;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.xds.XdsServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * xDS at scale: N lightweight raw ADS clients (each a stream that subscribes to the service's
 * endpoints and ACKs every response, as Envoy does) and a scale set of M instances. Each scale
 * event adds or removes an instance; the figure is the time from the report to the last of the N
 * streams having received and ACKed the new version. Also the control plane's heap after GC and the
 * process CPU over the events. Clients and control plane share this JVM (and its 2 cores), so the
 * heap and CPU figures include the clients.
 *
 * <p>With {@code lrs_streams}, that many load-reporting streams report every instance's locality
 * throughout, at the default interval: the same figures with load reporting on.
 *
 * <pre>
 * ./run bench ads [streams=1000] [instances=1000] [events=100] [warm_up_events=20] [lrs_streams=0]
 * </pre>
 */
public final class AdsScaleBenchmark {
  private static final String SERVICE = "backend";
  private static final int STREAMS_PER_CHANNEL = XdsServer.MAX_STREAMS_PER_CONNECTION;

  public static void main(String[] args) throws Exception {
    int streams = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int events = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    int lrsStreams = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    new AdsScaleBenchmark().run(streams, instances, events, warmUp, lrsStreams);
    System.exit(0);
  }

  private void run(int streams, int instances, int events, int warmUp, int lrsStreams)
      throws Exception {
    ManualSource source = new ManualSource(SERVICE);
    try (ControlPlane plane = source.plane(Files.createTempDirectory("scalemesh-bench-ads"));
        LoadReporters reporters =
            new LoadReporters(
                plane.xdsPort(),
                lrsStreams,
                SERVICE,
                Fleet.ready(instances).stream().map(Instance::name).toList())) {
      source.report(Fleet.ready(instances));
      if (lrsStreams > 0) {
        System.out.printf("%d load-reporting streams report throughout%n", lrsStreams);
      }
      List<ManagedChannel> channels = new ArrayList<>();
      List<AdsStream> clients = new ArrayList<>();
      Semaphore acks = new Semaphore(0);
      for (int i = 0; i < streams; i++) {
        if (i % STREAMS_PER_CHANNEL == 0) {
          channels.add(TestChannels.plaintext(plane.xdsPort()));
        }
        clients.add(AdsStream.open(channels.getLast(), "bench-" + i, SERVICE, acks::release));
      }
      String first = awaitAll(clients, acks, null);
      System.out.printf(
          "%d streams on %d channels hold version %s of %d instances%n",
          streams, channels.size(), first, instances);

      ScaleEvents scaleEvents = new ScaleEvents(source, clients, acks, instances, first);
      List<Long> warmUpTimes = scaleEvents.run(warmUp);
      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpuBefore = os.getProcessCpuTime();
      long wallBefore = System.nanoTime();
      List<Long> toAllAcked = scaleEvents.run(events);
      double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
      double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      memory.gc();
      if (!warmUpTimes.isEmpty()) {
        System.out.printf(
            "warm-up (JIT compiling), not counted: %s%n", Percentiles.ofNanos(warmUpTimes));
      }
      System.out.printf(
          "scale event -> all %d streams ACKed: %s%n", streams, Percentiles.ofNanos(toAllAcked));
      System.out.printf(
          "process CPU during the events: %.1f s over %.1f s (%.0f%% of one core)%n",
          cpuSeconds, wallSeconds, 100 * cpuSeconds / wallSeconds);
      System.out.printf(
          "heap after GC: %d MB (control plane and clients); ACKs sent: %d%n",
          memory.getHeapMemoryUsage().getUsed() >> 20,
          clients.stream().mapToLong(AdsStream::acks).sum());
      for (ManagedChannel channel : channels) {
        TestChannels.close(channel);
      }
    }
  }

  /**
   * Scale events, each one instance out or back in, and the time from each to the last stream's
   * ACK.
   */
  private static final class ScaleEvents {
    private final ManualSource source;
    private final List<AdsStream> clients;
    private final Semaphore acks;
    private final int instances;
    private String version;
    private int sent;

    ScaleEvents(
        ManualSource source,
        List<AdsStream> clients,
        Semaphore acks,
        int instances,
        String version) {
      this.source = source;
      this.clients = clients;
      this.acks = acks;
      this.instances = instances;
      this.version = version;
    }

    List<Long> run(int count) throws InterruptedException {
      List<Long> toAllAcked = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        long reportedAt = System.nanoTime();
        source.report(Fleet.ready(instances + (sent++ % 2 == 0 ? 1 : 0)));
        version = awaitAll(clients, acks, version);
        toAllAcked.add(
            clients.stream().mapToLong(AdsStream::lastAckNanos).max().orElseThrow() - reportedAt);
        Thread.sleep(200);
      }
      return toAllAcked;
    }
  }

  /**
   * Waits until every stream has ACKed once more, which each does once per version, and checks that
   * they all hold one version other than {@code previous}; returns it. (Polling 1,000 streams
   * instead took a good part of a core from the control plane.)
   */
  private static String awaitAll(List<AdsStream> clients, Semaphore acks, String previous)
      throws InterruptedException {
    if (!acks.tryAcquire(clients.size(), 120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("not every stream ACKed a new version within 120 s");
    }
    List<String> held = clients.stream().map(AdsStream::version).distinct().toList();
    if (held.size() != 1 || held.getFirst().equals(previous)) {
      throw new IllegalStateException(
          "after one ACK each the streams hold " + held + ", not one new version");
    }
    return held.getFirst();
  }
}
