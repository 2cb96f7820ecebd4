package io.scalemesh.benchmarks.processes;

import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One proxy's ADS stream as Envoy holds it, on a connection of its own: it subscribes to one
 * cluster's endpoints, ACKs every response, and when the stream breaks it opens another after
 * Envoy's backoff (fully jittered exponential, 500 ms doubling to at most 30 s, reset by a
 * response), carrying the version it last accepted and its resource names, as Envoy does, so that a
 * control plane can tell it what changed.
 */
final class EnvoyLikeStream implements ClientResponseObserver<DiscoveryRequest, ResponseHeader> {
  private static final long BASE_BACKOFF_MILLIS = 500;
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  /** What the fleet is told of each stream. */
  interface Listener {
    /**
     * The stream ACKed {@code version}, which it did not hold before, at {@code ackedAt} (nanos);
     * {@code sinceRequestNanos} is the time since its stream's first request when this was that
     * stream's first response, else -1.
     */
    void acked(String version, long ackedAt, long sinceRequestNanos);
  }

  private final ManagedChannel channel;
  private final Node node;
  private final String cluster;
  private final ScheduledExecutorService timer;
  private final Listener listener;
  private ClientCallStreamObserver<DiscoveryRequest> call;
  private String version = "";
  private long requestedAt;
  private boolean answered;
  private int failures;
  private long reconnects;

  EnvoyLikeStream(
      ManagedChannel channel,
      String nodeId,
      String cluster,
      ScheduledExecutorService timer,
      Listener listener) {
    this.channel = channel;
    this.node = Node.newBuilder().setId(nodeId).setCluster("load-driver").build();
    this.cluster = cluster;
    this.timer = timer;
    this.listener = listener;
  }

  /** Opens the stream with the version it holds (none at first) and no nonce. */
  synchronized void connect() {
    // The connection's own backoff would add to Envoy's: this stream decides when to try again.
    channel.resetConnectBackoff();
    ClientCalls.asyncBidiStreamingCall(
        channel.newCall(ResponseHeader.ADS, CallOptions.DEFAULT), this);
    requestedAt = System.nanoTime();
    answered = false;
    call.onNext(request(version, ""));
  }

  @Override
  public synchronized void beforeStart(ClientCallStreamObserver<DiscoveryRequest> call) {
    this.call = call;
  }

  @Override
  public synchronized void onNext(ResponseHeader response) {
    call.onNext(request(response.version(), response.nonce()));
    long now = System.nanoTime();
    failures = 0;
    if (!response.version().equals(version)) {
      listener.acked(response.version(), now, answered ? -1 : now - requestedAt);
    }
    version = response.version();
    answered = true;
  }

  @Override
  public synchronized void onError(Throwable t) {
    retry();
  }

  @Override
  public synchronized void onCompleted() {
    retry();
  }

  /** Streams opened again after the first. */
  synchronized long reconnects() {
    return reconnects;
  }

  private void retry() {
    long ceiling = Math.min(MAX_BACKOFF_MILLIS, BASE_BACKOFF_MILLIS << Math.min(failures, 16));
    failures++;
    reconnects++;
    timer.schedule(
        this::connect, ThreadLocalRandom.current().nextLong(ceiling), TimeUnit.MILLISECONDS);
  }

  private DiscoveryRequest request(String acceptedVersion, String nonce) {
    return DiscoveryRequest.newBuilder()
        .setNode(node)
        .setTypeUrl(Resources.V3.ENDPOINT_TYPE_URL)
        .addResourceNames(cluster)
        .setVersionInfo(acceptedVersion)
        .setResponseNonce(nonce)
        .build();
  }
}
