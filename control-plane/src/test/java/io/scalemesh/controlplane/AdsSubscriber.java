package io.scalemesh.controlplane;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A raw ADS client that subscribes to several types on one stream, as Envoy does, and ACKs every
 * response: what it holds, per type, is what the control plane serves.
 */
public final class AdsSubscriber implements AutoCloseable {
  /** The last response of one type: its version and resources. */
  public record Received(String version, List<Any> resources) {}

  private final ManagedChannel channel;
  private final Map<String, List<String>> names;
  private final Map<String, Received> received = new ConcurrentHashMap<>();
  private final StreamObserver<DiscoveryRequest> requests;

  /** @param names per type URL, the resource names to ask for (empty: all of that type) */
  public AdsSubscriber(int xdsPort, Map<String, List<String>> names) {
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", xdsPort).usePlaintext().build();
    this.names = Map.copyOf(names);
    this.requests = AggregatedDiscoveryServiceGrpc.newStub(channel)
        .streamAggregatedResources(StreamObservers.onEach(this::received));
    names.keySet().forEach(type -> send(type, "", ""));
  }

  private synchronized void received(DiscoveryResponse response) {
    received.put(response.getTypeUrl(), new Received(response.getVersionInfo(), response.getResourcesList()));
    send(response.getTypeUrl(), response.getVersionInfo(), response.getNonce());
  }

  private synchronized void send(String type, String version, String nonce) {
    requests.onNext(DiscoveryRequest.newBuilder()
        .setNode(Node.newBuilder().setId("subscriber").setCluster("tests"))
        .setTypeUrl(type)
        .addAllResourceNames(names.get(type))
        .setVersionInfo(version)
        .setResponseNonce(nonce)
        .build());
  }

  /** Per type URL, the last response; a type not answered yet is absent. */
  public Map<String, Received> received() {
    return Map.copyOf(received);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
