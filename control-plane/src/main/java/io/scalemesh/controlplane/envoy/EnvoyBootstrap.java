package io.scalemesh.controlplane.envoy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Admin;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.ApiConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.GrpcService;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.scalemesh.controlplane.xds.EnvoyResources;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The bootstrap an Envoy gateway starts from: its node identity, an admin listener on loopback,
 * and one static cluster (the control plane) that serves everything else over ADS. cloud-init
 * writes exactly what {@code scalemesh envoy-bootstrap} prints.
 */
public final class EnvoyBootstrap {
  private static final String XDS_CLUSTER = "scalemesh_xds";
  private static final JsonFormat.Printer JSON = JsonFormat.printer()
      .preservingProtoFieldNames()
      .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(HttpProtocolOptions.getDescriptor()).build());
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private EnvoyBootstrap() {}

  /**
   * @param xdsHost the control plane's xDS address as Envoy reaches it (name or IP)
   * @param xdsPort its port
   * @param nodeId this Envoy's node id
   * @param cluster this Envoy's node cluster
   * @param adminPort the port of Envoy's admin interface, bound to loopback
   */
  public static Bootstrap of(String xdsHost, int xdsPort, String nodeId, String cluster, int adminPort) {
    return Bootstrap.newBuilder()
        .setNode(Node.newBuilder().setId(nodeId).setCluster(cluster))
        .setAdmin(Admin.newBuilder().setAddress(address("127.0.0.1", adminPort)))
        .setDynamicResources(Bootstrap.DynamicResources.newBuilder()
            .setAdsConfig(ApiConfigSource.newBuilder()
                .setApiType(ApiConfigSource.ApiType.GRPC)
                .setTransportApiVersion(ApiVersion.V3)
                .addGrpcServices(GrpcService.newBuilder()
                    .setEnvoyGrpc(GrpcService.EnvoyGrpc.newBuilder().setClusterName(XDS_CLUSTER))))
            .setCdsConfig(EnvoyResources.ADS)
            .setLdsConfig(EnvoyResources.ADS))
        .setStaticResources(Bootstrap.StaticResources.newBuilder().addClusters(xdsCluster(xdsHost, xdsPort)))
        .build();
  }

  /** The bootstrap as Envoy's YAML, with the proto field names Envoy's documentation uses. */
  public static String yaml(Bootstrap bootstrap) {
    try {
      return YAML.writeValueAsString(YAML.readTree(JSON.print(bootstrap)));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("the bootstrap holds an unregistered Any type", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Cluster xdsCluster(String host, int port) {
    return Cluster.newBuilder()
        .setName(XDS_CLUSTER)
        .setType(Cluster.DiscoveryType.STRICT_DNS)
        .setConnectTimeout(Duration.newBuilder().setSeconds(5))
        .putTypedExtensionProtocolOptions(EnvoyResources.HTTP_PROTOCOL_OPTIONS, EnvoyResources.http2Only())
        .setLoadAssignment(ClusterLoadAssignment.newBuilder()
            .setClusterName(XDS_CLUSTER)
            .addEndpoints(LocalityLbEndpoints.newBuilder().addLbEndpoints(LbEndpoint.newBuilder()
                .setEndpoint(Endpoint.newBuilder().setAddress(address(host, port))))))
        .build();
  }

  private static Address address(String host, int port) {
    return Address.newBuilder()
        .setSocketAddress(SocketAddress.newBuilder().setAddress(host).setPortValue(port))
        .build();
  }
}
