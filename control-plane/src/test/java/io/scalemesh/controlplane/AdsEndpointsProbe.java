package io.scalemesh.controlplane;

import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.core.v3.HealthStatus;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A raw ADS client that subscribes to one cluster's endpoints and ACKs every response, as Envoy
 * would: what it holds is what the control plane serves over xDS.
 */
public final class AdsEndpointsProbe implements AutoCloseable {
  private final ManagedChannel channel;
  private final String cluster;
  private final AtomicReference<ClusterLoadAssignment> latest = new AtomicReference<>();
  private final AtomicReference<String> version = new AtomicReference<>("");
  private final StreamObserver<DiscoveryRequest> requests;

  public AdsEndpointsProbe(int xdsPort, String cluster) {
    this(NettyChannelBuilder.forAddress("127.0.0.1", xdsPort).usePlaintext().build(), cluster);
  }

  /** Over {@code channel}: for TLS, say. */
  public AdsEndpointsProbe(ManagedChannel channel, String cluster) {
    this.channel = channel;
    this.cluster = cluster;
    this.requests = AggregatedDiscoveryServiceGrpc.newStub(channel)
        .streamAggregatedResources(StreamObservers.onEach(this::received));
    requests.onNext(request("", "").build());
  }

  private synchronized void received(DiscoveryResponse response) {
    try {
      latest.set(response.getResources(0).unpack(ClusterLoadAssignment.class));
      version.set(response.getVersionInfo());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("the control plane sent an endpoint resource that does not parse", e);
    }
    requests.onNext(request(response.getVersionInfo(), response.getNonce()).build());
  }

  /** Every endpoint served now, "address:port" to its health status; empty before the first response. */
  public Map<String, HealthStatus> endpoints() {
    Map<String, HealthStatus> endpoints = new TreeMap<>();
    ClusterLoadAssignment assignment = latest.get();
    if (assignment != null) {
      assignment.getEndpointsList().forEach(locality -> locality.getLbEndpointsList().forEach(endpoint -> {
        var address = endpoint.getEndpoint().getAddress().getSocketAddress();
        endpoints.put(address.getAddress() + ":" + address.getPortValue(), endpoint.getHealthStatus());
      }));
    }
    return endpoints;
  }

  /** The endpoint version last received; empty before the first response. */
  public String version() {
    return version.get();
  }

  private DiscoveryRequest.Builder request(String version, String nonce) {
    return DiscoveryRequest.newBuilder()
        .setNode(Node.newBuilder().setId("probe-" + cluster).setCluster("tests"))
        .setTypeUrl(Resources.V3.ENDPOINT_TYPE_URL)
        .addResourceNames(cluster)
        .setVersionInfo(version)
        .setResponseNonce(nonce);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
