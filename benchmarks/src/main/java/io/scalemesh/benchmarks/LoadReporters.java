package io.scalemesh.benchmarks;

import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterStats;
import io.envoyproxy.envoy.config.endpoint.v3.UpstreamLocalityStats;
import io.envoyproxy.envoy.service.load_stats.v3.LoadReportingServiceGrpc;
import io.envoyproxy.envoy.service.load_stats.v3.LoadStatsRequest;
import io.envoyproxy.envoy.service.load_stats.v3.LoadStatsResponse;
import io.grpc.ManagedChannel;
import io.scalemesh.controlplane.fixtures.LoadStream;
import io.scalemesh.controlplane.fixtures.TestChannels;
import io.scalemesh.controlplane.xds.XdsServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N load-reporting streams shaped as Envoy's: each says who it is, waits to be asked, then reports
 * every interval it was given (each from its own moment, as proxies do; never catching up in a
 * burst), one locality per instance with a few hundred calls each. All share one report message, so
 * what this side spends is its serialisation alone ({@link #serialisingCostNanos}).
 */
final class LoadReporters implements AutoCloseable {
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<Reporter> reporters = new ArrayList<>();
  private final ScheduledExecutorService sending =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("load-reporters").daemon().factory());
  private final LoadStatsRequest report;
  private final AtomicLong sent = new AtomicLong();

  LoadReporters(int xdsPort, int streams, String service, List<String> instances) {
    ClusterStats.Builder cluster =
        ClusterStats.newBuilder()
            .setClusterName(service)
            .setLoadReportInterval(Durations.fromSeconds(10));
    for (String instance : instances) {
      cluster.addUpstreamLocalityStats(
          UpstreamLocalityStats.newBuilder()
              .setLocality(Locality.newBuilder().setZone("1").setSubZone(instance))
              .setTotalIssuedRequests(300)
              .setTotalSuccessfulRequests(299)
              .setTotalErrorRequests(1)
              .setTotalRequestsInProgress(2));
    }
    this.report = LoadStatsRequest.newBuilder().addClusterStats(cluster).build();
    for (int i = 0; i < streams; i++) {
      if (i % XdsServer.MAX_STREAMS_PER_CONNECTION == 0) {
        channels.add(TestChannels.plaintext(xdsPort));
      }
      Reporter reporter = new Reporter();
      reporters.add(reporter);
      LoadReportingServiceGrpc.newStub(channels.getLast()).streamLoadStats(reporter);
      reporter.hello("lrs-bench-" + i);
    }
  }

  /** Reports sent so far. */
  long sent() {
    return sent.get();
  }

  /** Bytes of one report. */
  int reportBytes() {
    return report.getSerializedSize();
  }

  /**
   * CPU time this side spends serialising {@code reports} reports (measured now, on this thread).
   */
  long serialisingCostNanos(long reports) {
    var thread = java.lang.management.ManagementFactory.getThreadMXBean();
    long before = thread.getCurrentThreadCpuTime();
    long bytes = 0;
    for (long i = 0; i < reports; i++) {
      bytes += report.toByteArray().length;
    }
    if (bytes < 0) {
      throw new IllegalStateException();
    }
    return thread.getCurrentThreadCpuTime() - before;
  }

  /** One proxy's stream: reports at the interval it is given, from a random moment on. */
  private final class Reporter extends LoadStream<LoadStatsRequest, LoadStatsResponse> {
    void hello(String node) {
      send(LoadStatsRequest.newBuilder().setNode(Node.newBuilder().setId(node)).build());
    }

    @Override
    public void onNext(LoadStatsResponse asked) {
      long interval = Durations.toMillis(asked.getLoadReportingInterval());
      sending.scheduleWithFixedDelay(
          () -> {
            if (error() == null) {
              send(report);
              sent.incrementAndGet();
            }
          },
          ThreadLocalRandom.current().nextLong(interval),
          interval,
          TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    sending.shutdownNow();
    reporters.forEach(LoadStream::disconnect);
    for (ManagedChannel channel : channels) {
      TestChannels.close(channel);
    }
  }
}
