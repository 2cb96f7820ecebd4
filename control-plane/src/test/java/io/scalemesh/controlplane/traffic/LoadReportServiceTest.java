package io.scalemesh.controlplane.traffic;

import static io.scalemesh.controlplane.traffic.EnvoyReports.cluster;
import static io.scalemesh.controlplane.traffic.EnvoyReports.locality;
import static io.scalemesh.controlplane.traffic.EnvoyReports.report;
import static io.scalemesh.controlplane.traffic.EnvoyReports.withMetric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.service.load_stats.v3.LoadReportingServiceGrpc;
import io.envoyproxy.envoy.service.load_stats.v3.LoadStatsRequest;
import io.envoyproxy.envoy.service.load_stats.v3.LoadStatsResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.scalemesh.controlplane.fixtures.ManualClock;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Raw LRS clients, shaped as Envoy's, against the load reporting service on a real gRPC server:
 * what it asks for, what it counts, and what it does with nonsense.
 */
class LoadReportServiceTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  @RegisterExtension final Teardown teardown = new Teardown();

  private final ControlPlaneMetrics metrics = new ControlPlaneMetrics();
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final TrafficLedger ledger =
      new TrafficLedger(List.of("backend", "web"), INTERVAL, clock);
  private ManagedChannel channel;

  @BeforeEach
  void serve() throws Exception {
    ledger.published(Optional.empty(), EnvoyReports.mesh(3, 1, clock.instant()));
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(new LoadReportService(ledger, metrics, clock))
            .build()
            .start();
    teardown.add(() -> server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    channel = teardown.plaintextChannel(server.getPort());
  }

  /** One proxy's LRS stream, and what the server said on it. */
  private final class Reporter implements StreamObserver<LoadStatsResponse> {
    final BlockingQueue<LoadStatsResponse> responses = new LinkedBlockingQueue<>();
    final AtomicReference<Status> ended = new AtomicReference<>();
    final StreamObserver<LoadStatsRequest> requests;

    Reporter() {
      requests = LoadReportingServiceGrpc.newStub(channel).streamLoadStats(this);
    }

    @Override
    public void onNext(LoadStatsResponse response) {
      responses.add(response);
    }

    @Override
    public void onError(Throwable t) {
      ended.set(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      ended.set(Status.OK);
    }
  }

  /** A stream that said who it is and was asked for reports, as Envoy's begins. */
  private Reporter connected(String node) throws InterruptedException {
    Reporter reporter = new Reporter();
    reporter.requests.onNext(report(node));
    assertThat(reporter.responses.poll(5, TimeUnit.SECONDS)).isNotNull();
    return reporter;
  }

  @Test
  void aNewStreamIsAskedForTheServedClustersAtTheInterval() throws Exception {
    Reporter reporter = new Reporter();
    reporter.requests.onNext(report("edge-1"));

    LoadStatsResponse asked = reporter.responses.poll(5, TimeUnit.SECONDS);
    assertThat(asked.getClustersList()).containsExactly("backend", "web");
    assertThat(asked.getSendAllClusters()).isFalse();
    assertThat(asked.getLoadReportingInterval()).isEqualTo(Durations.fromSeconds(10));
    assertThat(asked.getReportEndpointGranularity()).isFalse();
  }

  @Test
  void envoyShapedReportsAreSummedPerInstanceServiceAndProxy() throws Exception {
    Reporter edge = connected("edge-1");
    Reporter other = connected("edge-2");

    edge.requests.onNext(
        report(
            "",
            cluster(
                "backend",
                5,
                withMetric(locality("backend_0", 100, 96, 4, 0), "cpu_utilization", 100, 30.0),
                locality("backend_1", 60, 60, 0, 0)),
            cluster("web", 1, locality("web_0", 10, 10, 0, 0))));
    edge.requests.onNext(report("", cluster("backend", 0, locality("backend_0", 50, 50, 0, 1))));
    other.requests.onNext(
        report(
            "",
            cluster(
                "backend",
                0,
                withMetric(locality("backend_0", 20, 19, 1, 0), "cpu_utilization", 20, 18.0))));

    await()
        .untilAsserted(
            () -> {
              Traffic backend0 = ledger.instance("backend", "backend_0");
              assertThat(backend0.calls()).isEqualTo(96 + 4 + 50 + 20);
              assertThat(backend0.errors()).isEqualTo(5);
              assertThat(backend0.inProgress()).isEqualTo(1);
              assertThat(backend0.loadMetrics()).isEqualTo(Map.of("cpu_utilization", 0.4));
              assertThat(ledger.instance("backend", "backend_1").calls()).isEqualTo(60);
              assertThat(ledger.service("backend").dropped()).isEqualTo(5);
              assertThat(ledger.service("web").calls()).isEqualTo(10);
              assertThat(ledger.proxy("edge-1").orElseThrow().calls()).isEqualTo(220);
              assertThat(ledger.proxy("edge-2").orElseThrow().calls()).isEqualTo(20);
            });
    assertThat(metrics.scrape())
        .contains("scalemesh_load_reports_total{outcome=\"counted\"} 3.0")
        .contains("scalemesh_load_report_streams 2");
  }

  @Test
  void nonsenseIsBoundedAndLeavesEveryOtherProxysFigures() throws Exception {
    Reporter honest = connected("edge-1");
    honest.requests.onNext(report("", cluster("backend", 0, locality("backend_0", 10, 10, 0, 0))));
    await().until(() -> ledger.proxy("edge-1").isPresent());
    Traffic before = ledger.proxy("edge-1").orElseThrow();

    Reporter liar = connected("liar");
    liar.requests.onNext(report("", cluster("not-ours", 0, locality("backend_0", 7, 7, 0, 0))));
    liar.requests.onNext(report("", cluster("backend", 0, locality("invented", 7, 7, 0, 0))));
    liar.requests.onNext(report("", cluster("backend", 0, locality("backend_1", -5, 0, 0, 0))));
    liar.requests.onNext(
        report("", cluster("backend", 0, locality("backend_1", 0, 2_000_000_000L, 0, 0))));
    for (int i = 0; i < 20; i++) {
      liar.requests.onNext(report("", cluster("backend", 0, locality("backend_2", 1, 1, 0, 0))));
    }

    await().until(() -> liar.ended.get() != null);
    assertThat(liar.ended.get().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(liar.ended.get().getDescription()).isEqualTo("load reports too frequent");
    assertThat(ledger.proxy("edge-1")).contains(before);
    assertThat(ledger.instance("backend", "backend_0").calls()).isEqualTo(10);
    assertThat(ledger.instance("backend", "backend_1").calls()).isZero();
    assertThat(ledger.instance("backend", "invented")).isEqualTo(Traffic.NONE);
    // Its burst allowance went on the four above and one of these; the rest ended its stream.
    assertThat(ledger.instance("backend", "backend_2").calls()).isEqualTo(1);
    assertThat(metrics.scrape())
        .contains("scalemesh_load_reports_total{outcome=\"rejected\"} 2.0")
        .contains("scalemesh_load_reports_total{outcome=\"too_frequent\"} 1.0")
        .contains("scalemesh_load_report_parts_skipped_total{reason=\"unknown_cluster\"} 1.0")
        .contains("scalemesh_load_report_parts_skipped_total{reason=\"unknown_locality\"} 1.0");

    // Its own stream goes on: a proxy that reconnects is asked again, and counted again.
    honest.requests.onNext(report("", cluster("backend", 0, locality("backend_0", 1, 1, 0, 0))));
    await().until(() -> ledger.instance("backend", "backend_0").calls() == 11);
    assertThat(honest.ended.get()).isNull();
  }

  @Test
  void aStreamThatEndsTakesItsFiguresAndWithinAnIntervalItsCallsInProgress() throws Exception {
    Reporter edge = connected("edge-1");
    edge.requests.onNext(report("", cluster("backend", 0, locality("backend_0", 9, 0, 0, 9))));
    await().until(() -> ledger.instance("backend", "backend_0").inProgress() == 9);

    edge.requests.onCompleted();

    await().until(() -> ledger.streams() == 0);
    assertThat(ledger.proxy("edge-1")).isEmpty();
    clock.advance(INTERVAL);
    assertThat(ledger.instance("backend", "backend_0").inProgress()).isZero();
    assertThat(ledger.instance("backend", "backend_0").calls()).isZero();
  }
}
