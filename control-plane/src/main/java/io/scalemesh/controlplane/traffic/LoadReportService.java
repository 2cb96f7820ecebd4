package io.scalemesh.controlplane.traffic;

import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.service.load_stats.v3.LoadReportingServiceGrpc;
import io.envoyproxy.envoy.service.load_stats.v3.LoadStatsRequest;
import io.envoyproxy.envoy.service.load_stats.v3.LoadStatsResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load reporting service (LRS) Envoy and gRPC clients report to, beside ADS on the xDS port.
 * Each stream is asked for the services' clusters at the ledger's interval; each report is read,
 * checked and counted. A stream that reports far more often than asked is ended with
 * RESOURCE_EXHAUSTED (its proxy reconnects, and is asked again); a report with impossible counts is
 * rejected whole, said once per stream, and the stream goes on.
 */
public final class LoadReportService extends LoadReportingServiceGrpc.LoadReportingServiceImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(LoadReportService.class);

  /** Reports a stream may send at once, beyond its steady one per interval. */
  static final int BURST = 5;

  private final TrafficLedger ledger;
  private final ControlPlaneMetrics metrics;
  private final Clock clock;
  private final AtomicLong streams = new AtomicLong();

  public LoadReportService(TrafficLedger ledger, ControlPlaneMetrics metrics, Clock clock) {
    this.ledger = ledger;
    this.metrics = metrics;
    this.clock = clock;
    metrics.loadReporting(ledger::streams, ledger::instanceTotals);
  }

  @Override
  public StreamObserver<LoadStatsRequest> streamLoadStats(
      StreamObserver<LoadStatsResponse> responses) {
    return new Reporter(streams.incrementAndGet(), responses);
  }

  /** One proxy's load-reporting stream. gRPC calls an observer from one thread at a time. */
  private final class Reporter implements StreamObserver<LoadStatsRequest> {
    private final long id;
    private final StreamObserver<LoadStatsResponse> responses;
    private final double allowancePerSecond = 2.0 / Math.max(1, ledger.interval().toSeconds());
    private double allowance = BURST;
    private Instant lastReport;

    /** The node id of its first request: only the first need carry one. */
    private String proxy;

    private boolean rejectionSaid;
    private boolean ended;

    Reporter(long id, StreamObserver<LoadStatsResponse> responses) {
      this.id = id;
      this.responses = responses;
    }

    @Override
    public void onNext(LoadStatsRequest request) {
      if (ended) {
        return;
      }
      Instant now = clock.instant();
      if (proxy == null) {
        proxy = request.getNode().getId();
        responses.onNext(
            LoadStatsResponse.newBuilder()
                .addAllClusters(ledger.services().stream().sorted().toList())
                .setLoadReportingInterval(Durations.fromMillis(ledger.interval().toMillis()))
                .build());
      }
      if (request.getClusterStatsCount() == 0) {
        return;
      }
      if (!allowed(now)) {
        metrics.loadReport("too_frequent");
        LOG.warn(
            "{} sends load reports more often than every {} s; its stream is ended",
            proxy,
            ledger.interval().toSeconds());
        end(Status.RESOURCE_EXHAUSTED.withDescription("load reports too frequent"));
        return;
      }
      try {
        ledger.accept(
            LoadReportReader.read(
                request,
                proxy,
                id,
                now,
                ledger.services(),
                (service, instance) -> ledger.counted(service, instance, now),
                metrics::loadReportPartSkipped));
        metrics.loadReport("counted");
      } catch (BadLoadReportException e) {
        metrics.loadReport("rejected");
        if (!rejectionSaid) {
          rejectionSaid = true;
          LOG.warn("a load report of {} is not counted: {}", proxy, e.getMessage());
        }
      }
    }

    /** A token bucket: {@link #BURST} reports at once, then two per interval. */
    private boolean allowed(Instant now) {
      if (lastReport != null) {
        double seconds = (now.toEpochMilli() - lastReport.toEpochMilli()) / 1000.0;
        allowance = Math.min(BURST, allowance + Math.max(0, seconds) * allowancePerSecond);
      }
      lastReport = now;
      if (allowance < 1) {
        return false;
      }
      allowance -= 1;
      return true;
    }

    @Override
    public void onError(Throwable t) {
      ended = true;
      ledger.streamEnded(id);
    }

    @Override
    public void onCompleted() {
      end(Status.OK);
    }

    private void end(Status status) {
      ended = true;
      ledger.streamEnded(id);
      if (status.isOk()) {
        responses.onCompleted();
      } else {
        responses.onError(status.asRuntimeException());
      }
    }
  }
}
