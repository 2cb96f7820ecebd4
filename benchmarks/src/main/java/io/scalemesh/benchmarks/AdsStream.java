package io.scalemesh.benchmarks;

import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Channel;

/**
 * One lightweight raw ADS stream of a load driver, as Envoy holds it: it subscribes to one
 * cluster's endpoints and ACKs every response. It keeps only the version it holds, so that a
 * thousand of them cost the driver little.
 */
final class AdsStream extends LoadStream<DiscoveryRequest, DiscoveryResponse> {
  private final String nodeId;
  private final String cluster;
  private final Runnable afterAck;
  private volatile String version = "";
  private volatile long lastAckNanos;
  private volatile long acks;

  private AdsStream(String nodeId, String cluster, Runnable afterAck) {
    this.nodeId = nodeId;
    this.cluster = cluster;
    this.afterAck = afterAck;
  }

  static AdsStream open(Channel channel, String nodeId, String cluster) {
    return open(channel, nodeId, cluster, () -> {});
  }

  /** With {@code afterAck} run after each ACK, once the version it ACKed is what it holds. */
  static AdsStream open(Channel channel, String nodeId, String cluster, Runnable afterAck) {
    AdsStream stream = new AdsStream(nodeId, cluster, afterAck);
    AggregatedDiscoveryServiceGrpc.newStub(channel).streamAggregatedResources(stream);
    stream.subscribe("", "");
    return stream;
  }

  @Override
  public void onNext(DiscoveryResponse response) {
    subscribe(response.getVersionInfo(), response.getNonce());
    lastAckNanos = System.nanoTime();
    acks++; // gRPC calls one stream's observer from one thread at a time
    version = response.getVersionInfo();
    afterAck.run();
  }

  private void subscribe(String ackedVersion, String nonce) {
    send(DiscoveryRequest.newBuilder()
        .setNode(Node.newBuilder().setId(nodeId).setCluster("load-driver"))
        .setTypeUrl(Resources.V3.ENDPOINT_TYPE_URL)
        .addResourceNames(cluster)
        .setVersionInfo(ackedVersion)
        .setResponseNonce(nonce)
        .build());
  }

  /** The version it holds and has ACKed; empty before the first response. */
  String version() {
    return version;
  }

  /** When it last ACKed, in {@link System#nanoTime()}. */
  long lastAckNanos() {
    return lastAckNanos;
  }

  long acks() {
    return acks;
  }
}
