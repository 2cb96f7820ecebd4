package io.scalemesh.controlplane.xds.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.xds.XdsNameResolverProvider;
import java.util.List;
import java.util.Map;

/**
 * Channels of proxyless gRPC clients (grpc-java's own xDS implementation) pointed at a control
 * plane: the demo's load driver, benchmarks and tests use them.
 */
public final class ProxylessChannels {
  private ProxylessChannels() {}

  /**
   * A channel to {@code xds:///service}, bootstrapped to the xDS server at xdsHost:xdsPort. The
   * bootstrap is given per channel rather than per JVM (GRPC_XDS_BOOTSTRAP), so that channels to
   * different control planes can share a process.
   */
  @SuppressWarnings("deprecation") // nameResolverFactory is how a per-channel bootstrap is given
  public static ManagedChannel channel(String service, String xdsHost, int xdsPort, String nodeId) {
    Map<String, ?> bootstrap =
        Map.of(
            "xds_servers",
                List.of(
                    Map.of(
                        "server_uri", xdsHost + ":" + xdsPort,
                        "channel_creds", List.of(Map.of("type", "insecure")),
                        "server_features", List.of("xds_v3"))),
            "node", Map.of("id", nodeId, "cluster", "scalemesh-proxyless"));
    return NettyChannelBuilder.forTarget("xds:///" + service)
        .nameResolverFactory(XdsNameResolverProvider.createForTest("xds", bootstrap))
        .usePlaintext()
        .build();
  }
}
