package io.scalemesh.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.config.ConfigLoader;
import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.discovery.DiscoverySource;
import io.scalemesh.controlplane.discovery.Instance;
import io.scalemesh.controlplane.discovery.InstanceState;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * xDS at scale: N lightweight raw ADS clients (each a stream that subscribes to the service's
 * endpoints and ACKs every response, as Envoy does) and a scale set of M instances. Each scale
 * event adds or removes an instance; the figure is the time from the report to the last of the N
 * streams having received and ACKed the new version. Also the control plane's heap after GC and
 * the process CPU over the events. Clients and control plane share this JVM (and its 2 cores),
 * so the heap and CPU figures include the clients.
 *
 * <pre>./run bench ads [streams=1000] [instances=1000] [events=30]</pre>
 */
public final class AdsScaleBenchmark {
  private static final String SERVICE = "backend";
  private static final int STREAMS_PER_CHANNEL = 100;

  public static void main(String[] args) throws Exception {
    int streams = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int events = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    new AdsScaleBenchmark().run(streams, instances, events);
    System.exit(0);
  }

  private void run(int streams, int instances, int events) throws Exception {
    FixedSource source = new FixedSource();
    try (ControlPlane plane = ControlPlane.start(
        ConfigLoader.load(Optional.empty(), Map.of("xds.port", "0", "api.port", "0", "console_api.port", "0",
            "console_api.audit_log", System.getProperty("java.io.tmpdir") + "/scalemesh-bench-audit.jsonl")),
        List.of(source), Clock.systemUTC())) {
      source.report(instances(instances));
      List<ManagedChannel> channels = new ArrayList<>();
      List<AdsStream> clients = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        if (i % STREAMS_PER_CHANNEL == 0) {
          channels.add(NettyChannelBuilder.forAddress("127.0.0.1", plane.xdsPort()).usePlaintext().build());
        }
        clients.add(AdsStream.open(channels.getLast(), "bench-" + i, SERVICE));
      }
      String first = awaitAll(clients, null);
      System.out.printf("%d streams on %d channels hold version %s of %d instances%n", streams, channels.size(), first,
          instances);

      OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpuBefore = os.getProcessCpuTime();
      long wallBefore = System.nanoTime();
      List<Long> toAllAcked = new ArrayList<>();
      String version = first;
      for (int event = 0; event < events; event++) {
        int size = instances + (event % 2 == 0 ? 1 : 0); // out by one, then back in
        long reportedAt = System.nanoTime();
        source.report(instances(size));
        version = awaitAll(clients, version);
        long last = clients.stream().mapToLong(AdsStream::lastAckNanos).max().orElseThrow();
        toAllAcked.add(last - reportedAt);
        Thread.sleep(200);
      }
      double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
      double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      memory.gc();
      System.out.printf("scale event -> all %d streams ACKed: %s%n", streams, Percentiles.ofNanos(toAllAcked));
      System.out.printf("process CPU during the events: %.1f s over %.1f s (%.0f%% of one core)%n", cpuSeconds,
          wallSeconds, 100 * cpuSeconds / wallSeconds);
      System.out.printf("heap after GC: %d MB (control plane and clients); ACKs sent: %d%n",
          memory.getHeapMemoryUsage().getUsed() >> 20, clients.stream().mapToLong(AdsStream::acks).sum());
      for (ManagedChannel channel : channels) {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  /** Waits until every stream holds a version other than {@code previous}; returns it. */
  private static String awaitAll(List<AdsStream> clients, String previous) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      List<String> held = clients.stream().map(AdsStream::version).distinct().toList();
      if (held.size() == 1 && !held.getFirst().isEmpty() && !held.getFirst().equals(previous)) {
        return held.getFirst();
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException("not every stream got a new version within 120 s");
  }

  private static List<Instance> instances(int count) {
    List<Instance> instances = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      instances.add(new Instance("vm-" + i, Integer.toString(i), "10.%d.%d.%d".formatted(i >> 16 & 255, i >> 8 & 255,
          i & 255), "", 8080, Integer.toString(i % 3 + 1), InstanceState.READY, "Succeeded", "running", "Healthy"));
    }
    return instances;
  }

  /** A scale set whose whole instance list the benchmark sets. */
  private static final class FixedSource implements DiscoverySource {
    private volatile Consumer<DiscoveryReport> reports;

    @Override
    public String scaleSet() {
      return SERVICE;
    }

    @Override
    public void start(Consumer<DiscoveryReport> reports) {
      this.reports = reports;
    }

    void report(List<Instance> instances) {
      reports.accept(new DiscoveryReport.Complete(SERVICE, instances, Instant.now()));
    }

    @Override
    public void close() {}
  }
}
