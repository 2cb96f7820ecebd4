package io.scalemesh.controlplane;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.xds.XdsNameResolverProvider;
import java.util.List;
import java.util.Map;

/** Proxyless gRPC clients (grpc-java's own xDS implementation) pointed at a control plane. */
public final class XdsClients {
  private XdsClients() {}

  /**
   * A channel to {@code xds:///service}, bootstrapped to the xDS server on 127.0.0.1:xdsPort.
   * The bootstrap is given per channel, so tests with different servers can share a JVM.
   */
  @SuppressWarnings("deprecation") // nameResolverFactory is how a per-channel bootstrap is given
  public static ManagedChannel channel(String service, int xdsPort, String nodeId) {
    Map<String, ?> bootstrap = Map.of(
        "xds_servers", List.of(Map.of(
            "server_uri", "127.0.0.1:" + xdsPort,
            "channel_creds", List.of(Map.of("type", "insecure")),
            "server_features", List.of("xds_v3"))),
        "node", Map.of("id", nodeId, "cluster", "scalemesh-tests"));
    return NettyChannelBuilder.forTarget("xds:///" + service)
        .nameResolverFactory(XdsNameResolverProvider.createForTest("xds", bootstrap))
        .usePlaintext()
        .build();
  }
}
