package io.scalemesh.controlplane.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.core.v3.ApiConfigSource;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.scalemesh.controlplane.xds.EnvoyResources;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvoyBootstrapTest {

  @Test
  void theYamlIsTheBootstrapEnvoyParses() throws Exception {
    Bootstrap bootstrap = EnvoyBootstrap.of("10.0.1.4", 18000, "gateway-0", "edge", 9901);
    String yaml = EnvoyBootstrap.yaml(bootstrap);

    assertThat(parse(yaml)).isEqualTo(bootstrap);
    assertThat(EnvoyResources.VALIDATOR.violation(bootstrap)).as("by Envoy's rules").isEmpty();
    assertThat(yaml)
        .contains("address: 10.0.1.4", "port_value: 18000", "id: gateway-0", "ads: {}")
        .doesNotContain("transport_socket");
  }

  @Test
  void envoyAsksForDeltaAdsAndReportsLoadOverPlainGrpc() {
    Bootstrap bootstrap = EnvoyBootstrap.of("10.0.1.4", 18000, "gateway-0", "edge", 9901);

    // DeltaXdsTest shows what delta ADS sends; load reporting is a gRPC service of its own.
    assertThat(bootstrap.getDynamicResources().getAdsConfig().getApiType())
        .isEqualTo(ApiConfigSource.ApiType.DELTA_GRPC);
    assertThat(bootstrap.getClusterManager().getLoadStatsConfig().getApiType())
        .isEqualTo(ApiConfigSource.ApiType.GRPC);
  }

  @Test
  void withACaTheGatewayReachesTheControlPlaneOverTlsCheckingItsNameAndShowingItsOwnCertificate()
      throws Exception {
    Bootstrap bootstrap =
        EnvoyBootstrap.of(
            "cp.internal",
            18000,
            "gateway-0",
            "edge",
            9901,
            Optional.of(
                new EnvoyBootstrap.XdsTls(
                    "/etc/envoy/ca.pem",
                    Optional.of("/etc/envoy/gw.pem"),
                    Optional.of("/etc/envoy/gw.key"))));
    String yaml = EnvoyBootstrap.yaml(bootstrap);

    assertThat(parse(yaml)).isEqualTo(bootstrap);
    assertThat(EnvoyResources.VALIDATOR.violation(bootstrap))
        .as("by Envoy's rules, the TLS context included")
        .isEmpty();
    UpstreamTlsContext tls =
        bootstrap
            .getStaticResources()
            .getClusters(0)
            .getTransportSocket()
            .getTypedConfig()
            .unpack(UpstreamTlsContext.class);
    assertThat(tls.getSni()).isEqualTo("cp.internal");
    assertThat(tls.getCommonTlsContext().getValidationContext().getTrustedCa().getFilename())
        .isEqualTo("/etc/envoy/ca.pem");
    assertThat(tls.getCommonTlsContext().getValidationContext().getMatchTypedSubjectAltNamesList())
        .singleElement()
        .satisfies(
            san -> {
              assertThat(san.getSanType()).isEqualTo(SubjectAltNameMatcher.SanType.DNS);
              assertThat(san.getMatcher().getExact()).isEqualTo("cp.internal");
            });
    assertThat(tls.getCommonTlsContext().getTlsCertificates(0).getPrivateKey().getFilename())
        .isEqualTo("/etc/envoy/gw.key");
    assertThat(yaml)
        .contains("envoy.transport_sockets.tls", "trusted_ca:", "filename: /etc/envoy/ca.pem");
  }

  @Test
  void aControlPlaneReachedByIpAddressMustNameThatAddress() throws Exception {
    Bootstrap bootstrap =
        EnvoyBootstrap.of(
            "10.0.2.254",
            18000,
            "gateway-0",
            "edge",
            9901,
            Optional.of(
                new EnvoyBootstrap.XdsTls(
                    "/etc/envoy/ca.pem", Optional.empty(), Optional.empty())));
    assertThat(EnvoyResources.VALIDATOR.violation(bootstrap)).as("by Envoy's rules").isEmpty();

    UpstreamTlsContext tls =
        bootstrap
            .getStaticResources()
            .getClusters(0)
            .getTransportSocket()
            .getTypedConfig()
            .unpack(UpstreamTlsContext.class);
    SubjectAltNameMatcher san =
        tls.getCommonTlsContext().getValidationContext().getMatchTypedSubjectAltNames(0);
    assertThat(san.getSanType()).isEqualTo(SubjectAltNameMatcher.SanType.IP_ADDRESS);
    assertThat(san.getMatcher().getExact()).isEqualTo("10.0.2.254");
  }

  /** Envoy reads YAML as JSON-mapped proto: parse it the same way, strictly. */
  private static Bootstrap parse(String yaml) throws Exception {
    String json =
        new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml));
    Bootstrap.Builder parsed = Bootstrap.newBuilder();
    JsonFormat.parser().usingTypeRegistry(EnvoyResources.TYPE_REGISTRY).merge(json, parsed);
    return parsed.build();
  }
}
