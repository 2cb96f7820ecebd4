package io.scalemesh.controlplane.envoy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.google.common.net.InetAddresses;
import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Admin;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.bootstrap.v3.ClusterManager;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.ApiConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.GrpcService;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsCertificate;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.scalemesh.controlplane.xds.EnvoyResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The bootstrap an Envoy gateway starts from: its node identity, an admin listener on loopback, and
 * one static cluster (the control plane) that serves everything else over ADS. cloud-init writes
 * exactly what {@code scalemesh envoy-bootstrap} prints.
 */
public final class EnvoyBootstrap {
  private static final String XDS_CLUSTER = "scalemesh_xds";

  /** The control plane, as a gRPC API: load reporting goes there. */
  private static final ApiConfigSource CONTROL_PLANE =
      ApiConfigSource.newBuilder()
          .setApiType(ApiConfigSource.ApiType.GRPC)
          .setTransportApiVersion(ApiVersion.V3)
          .addGrpcServices(
              GrpcService.newBuilder()
                  .setEnvoyGrpc(GrpcService.EnvoyGrpc.newBuilder().setClusterName(XDS_CLUSTER)))
          .build();

  /**
   * ADS, to the same place, as delta xDS: a scale event of one service sends Envoy that service's
   * load assignment alone, not every service's (a tenth of the bytes at ten services: ./run bench
   * xds-bytes). gRPC clients keep state-of-the-world; the server serves both.
   */
  private static final ApiConfigSource ADS =
      CONTROL_PLANE.toBuilder().setApiType(ApiConfigSource.ApiType.DELTA_GRPC).build();

  private static final JsonFormat.Printer JSON =
      JsonFormat.printer()
          .preservingProtoFieldNames()
          .usingTypeRegistry(EnvoyResources.TYPE_REGISTRY);
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
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
  public static Bootstrap of(
      String xdsHost, int xdsPort, String nodeId, String cluster, int adminPort) {
    return of(xdsHost, xdsPort, nodeId, cluster, adminPort, Optional.empty());
  }

  /**
   * The same, over TLS to the control plane when {@code tls} is given (its {@code xds.tls}): Envoy
   * checks that the server's certificate chains to the CA and names {@code xdsHost} (a DNS or IP
   * subject alternative name), sends the host as SNI, and presents its own certificate when the
   * control plane asks for one.
   */
  public static Bootstrap of(
      String xdsHost,
      int xdsPort,
      String nodeId,
      String cluster,
      int adminPort,
      Optional<XdsTls> tls) {
    Cluster.Builder xds = xdsCluster(xdsHost, xdsPort).toBuilder();
    tls.ifPresent(
        t ->
            xds.setTransportSocket(
                TransportSocket.newBuilder()
                    .setName("envoy.transport_sockets.tls")
                    .setTypedConfig(Any.pack(t.upstreamContext(xdsHost)))));
    return of(nodeId, cluster, adminPort, xds.build());
  }

  private static Bootstrap of(String nodeId, String cluster, int adminPort, Cluster xdsCluster) {
    return Bootstrap.newBuilder()
        .setNode(Node.newBuilder().setId(nodeId).setCluster(cluster))
        .setAdmin(Admin.newBuilder().setAddress(address("127.0.0.1", adminPort)))
        .setDynamicResources(
            Bootstrap.DynamicResources.newBuilder()
                .setAdsConfig(ADS)
                .setCdsConfig(EnvoyResources.ADS)
                .setLdsConfig(EnvoyResources.ADS))
        // Load reports (LRS) go to the control plane too, over the same connection.
        .setClusterManager(ClusterManager.newBuilder().setLoadStatsConfig(CONTROL_PLANE))
        .setStaticResources(Bootstrap.StaticResources.newBuilder().addClusters(xdsCluster))
        .build();
  }

  /**
   * The first of Envoy's rules {@code bootstrap} breaks, if any: Envoy would refuse to start on it.
   */
  public static Optional<String> violation(Bootstrap bootstrap) {
    return EnvoyResources.VALIDATOR.violation(bootstrap);
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
        // ADS is gRPC, so HTTP/2.
        .putTypedExtensionProtocolOptions(
            EnvoyResources.HTTP_PROTOCOL_OPTIONS,
            Any.pack(
                HttpProtocolOptions.newBuilder()
                    .setExplicitHttpConfig(
                        HttpProtocolOptions.ExplicitHttpConfig.newBuilder()
                            .setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance()))
                    .build()))
        .setLoadAssignment(
            ClusterLoadAssignment.newBuilder()
                .setClusterName(XDS_CLUSTER)
                .addEndpoints(
                    LocalityLbEndpoints.newBuilder()
                        .addLbEndpoints(
                            LbEndpoint.newBuilder()
                                .setEndpoint(
                                    Endpoint.newBuilder().setAddress(address(host, port))))))
        .build();
  }

  /**
   * Files on the gateway: the CA that signed the control plane's certificate, and optionally this
   * Envoy's own certificate and key, for a control plane that verifies clients.
   */
  public record XdsTls(String caFile, Optional<String> certificateFile, Optional<String> keyFile) {
    public XdsTls {
      if (certificateFile.isPresent() != keyFile.isPresent()) {
        throw new IllegalArgumentException(
            "a client certificate needs its key, and a key its certificate");
      }
    }

    UpstreamTlsContext upstreamContext(String host) {
      // The CA alone would let any certificate it signed (a backend's, say) pose as the control
      // plane.
      SubjectAltNameMatcher.SanType sanType =
          InetAddresses.isInetAddress(host)
              ? SubjectAltNameMatcher.SanType.IP_ADDRESS
              : SubjectAltNameMatcher.SanType.DNS;
      CommonTlsContext.Builder common =
          CommonTlsContext.newBuilder()
              .setValidationContext(
                  CertificateValidationContext.newBuilder()
                      .setTrustedCa(DataSource.newBuilder().setFilename(caFile))
                      .addMatchTypedSubjectAltNames(
                          SubjectAltNameMatcher.newBuilder()
                              .setSanType(sanType)
                              .setMatcher(StringMatcher.newBuilder().setExact(host))));
      certificateFile.ifPresent(
          certificate ->
              common.addTlsCertificates(
                  TlsCertificate.newBuilder()
                      .setCertificateChain(DataSource.newBuilder().setFilename(certificate))
                      .setPrivateKey(DataSource.newBuilder().setFilename(keyFile.orElseThrow()))));
      return UpstreamTlsContext.newBuilder().setSni(host).setCommonTlsContext(common).build();
    }
  }

  private static Address address(String host, int port) {
    return Address.newBuilder()
        .setSocketAddress(SocketAddress.newBuilder().setAddress(host).setPortValue(port))
        .build();
  }
}
