package io.scalemesh.controlplane.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import org.junit.jupiter.api.Test;

class EnvoyBootstrapTest {

  @Test
  void theYamlIsTheBootstrapEnvoyParses() throws Exception {
    Bootstrap bootstrap = EnvoyBootstrap.of("10.0.1.4", 18000, "gateway-0", "edge", 9901);
    String yaml = EnvoyBootstrap.yaml(bootstrap);

    // Envoy reads YAML as JSON-mapped proto; parse it the same way, strictly.
    String json = new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml));
    Bootstrap.Builder parsed = Bootstrap.newBuilder();
    JsonFormat.parser()
        .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(HttpProtocolOptions.getDescriptor()).build())
        .merge(json, parsed);

    assertThat(parsed.build()).isEqualTo(bootstrap);
    assertThat(yaml).contains("address: 10.0.1.4", "port_value: 18000", "id: gateway-0", "ads: {}");
  }
}
