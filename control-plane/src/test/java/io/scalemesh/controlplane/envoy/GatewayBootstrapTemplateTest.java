package io.scalemesh.controlplane.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bootstrap the gateway's cloud-init writes (rendered by Terraform from
 * cloud-init/envoy-gateway/envoy-bootstrap.yaml.tftpl) is byte for byte what {@code scalemesh
 * envoy-bootstrap --xds-address HOST:PORT} prints with its defaults, in plaintext, and with {@code
 * --xds-ca} (and {@code --xds-client-cert --xds-client-key}) naming the files the gateway's
 * cloud-init gives Envoy as systemd credentials.
 */
class GatewayBootstrapTemplateTest {
  private static final Path TEMPLATE =
      Path.of("..", "cloud-init", "envoy-gateway", "envoy-bootstrap.yaml.tftpl");
  private static final String CREDENTIALS = "/run/credentials/envoy.service/";
  // The innermost %{~ if NAME } ... %{~ endif }, with the whitespace each "~" strips before it.
  private static final Pattern INNERMOST_IF =
      Pattern.compile(
          "\\s*%\\{~ if (\\w+) \\}((?:(?!%\\{).)*?)\\s*%\\{~ endif \\}", Pattern.DOTALL);

  @ParameterizedTest(name = "TLS {0}, client certificate {1}")
  @CsvSource({"false, false", "true, false", "true, true"})
  void theGatewayTemplateRendersToTheCommandsBootstrap(boolean tls, boolean clientCertificate)
      throws Exception {
    String rendered =
        render(
            Files.readString(TEMPLATE),
            Map.of(
                "xds_host",
                "10.0.2.254",
                "xds_port",
                18000,
                "xds_tls",
                tls,
                "xds_client_certificate",
                clientCertificate,
                "xds_san_type",
                "IP_ADDRESS"));

    // envoy-bootstrap --xds-ca FILE [--xds-client-cert FILE --xds-client-key FILE]
    Optional<EnvoyBootstrap.XdsTls> xdsTls =
        !tls
            ? Optional.empty()
            : Optional.of(
                clientCertificate
                    ? new EnvoyBootstrap.XdsTls(
                        CREDENTIALS + "xds-ca.crt",
                        Optional.of(CREDENTIALS + "xds-client.crt"),
                        Optional.of(CREDENTIALS + "xds-client.key"))
                    : new EnvoyBootstrap.XdsTls(
                        CREDENTIALS + "xds-ca.crt", Optional.empty(), Optional.empty()));
    assertThat(rendered)
        .isEqualTo(
            EnvoyBootstrap.yaml(
                EnvoyBootstrap.of(
                    "10.0.2.254", 18000, "envoy-gateway", "scalemesh-gateway", 9901, xdsTls)));
  }

  /**
   * templatefile() for what this template may use: ${NAME}, and %{~ if NAME } ... %{~ endif } on a
   * bool.
   */
  private static String render(String template, Map<String, Object> variables) {
    String text = template;
    for (Matcher m = INNERMOST_IF.matcher(text); m.find(); m = INNERMOST_IF.matcher(text)) {
      boolean condition = (Boolean) variable(variables, m.group(1));
      text = text.substring(0, m.start()) + (condition ? m.group(2) : "") + text.substring(m.end());
    }
    Matcher interpolation = Pattern.compile("\\$\\{(\\w+)\\}").matcher(text);
    String rendered =
        interpolation.replaceAll(
            m -> Matcher.quoteReplacement(String.valueOf(variable(variables, m.group(1)))));
    assertThat(rendered)
        .as("the template uses only ${NAME} and %{~ if NAME } ... %{~ endif }")
        .doesNotContain("${", "%{");
    return rendered;
  }

  private static Object variable(Map<String, Object> variables, String name) {
    assertThat(variables)
        .as("the variables the gateway module gives the template")
        .containsKey(name);
    return variables.get(name);
  }
}
