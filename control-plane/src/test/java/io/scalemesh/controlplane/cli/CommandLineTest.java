package io.scalemesh.controlplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.controlplane.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class CommandLineTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      unknown key        | xds: {port: 18000, colour: blue}                                       | unknown config key 'xds.colour'
      port out of range  | api: {port: 70000}                                                     | api: port 70000 is out of range (0-65535)
      unknown kind       | services: [{name: web, discovery: {kind: zookeeper}}]                  | services[0].discovery: unknown discovery kind 'zookeeper' (known kinds: simulated, azure-vmss, azure-vm-tags, consul)
      missing kind       | services: [{name: web, discovery: {capacity: 2}}]                      | services[0].discovery: 'kind' is missing (known kinds: simulated, azure-vmss, azure-vm-tags, consul)
      bad service name   | services: [{name: Web_1, discovery: {kind: simulated}}]                | services[0]: name 'Web_1' must be 1-63 lower-case letters
      not a number       | xds: {port: many}                                                      | xds.port: 'many' is not a valid int
      not yaml           | xds: [unclosed                                                         | is not valid YAML: line
      consul not a URL   | consul: {address: 'ftp://consul'}                                      | consul: address 'ftp://consul' must be an http:// or https:// URL with a host
      consul wait        | consul: {wait_seconds: 900}                                            | consul: wait_seconds 900 must be 1-600
      consul tls on http | consul: {tls: {ca_file: /etc/ca.pem}}                                  | consul: tls is set but the address 'http://127.0.0.1:8500' is not https://
      azure no sub       | services: [{name: web, discovery: {kind: azure-vmss, resource_group: rg, scale_set: web, port: 80}}] | azure.subscription_id is needed by the Azure discovery sources
      azure no port      | services: [{name: web, discovery: {kind: azure-vmss, resource_group: rg, scale_set: web}}] | services[0].discovery: port is missing
      azure custom cloud | azure: {cloud: custom}                                                 | azure: cloud: custom needs resource_manager_endpoint and authority
      azure bad tag      | services: [{name: web, discovery: {kind: azure-vm-tags, tag: web, port: 80}}] | services[0].discovery: tag 'web' must be key=value
      events no queue    | azure: {change_events: {connection_string_file: /etc/cs}}              | azure.change_events: queue is missing
      events over http   | azure: {change_events: {queue: 'http://a.queue.core.windows.net/events'}} | azure.change_events: queue 'http://a.queue.core.windows.net/events' must be an https:// URL
      events SAS in URL  | azure: {change_events: {queue: 'https://a.queue.core.windows.net/events?sig=x'}} | must be a URL with a host and no query
      events queue name  | azure: {change_events: {queue: 'https://a.queue.core.windows.net/Events_1'}} | 'Events_1' is not a queue name (3-63 lower-case letters, digits and single hyphens)
      events no vmss     | azure: {change_events: {queue: 'https://a.queue.core.windows.net/events'}} | azure.change_events: no service has discovery kind azure-vmss
      unknown service key | services: [{name: web, colour: blue, discovery: {kind: simulated}}]     | unknown config key 'services[0].colour'
      unknown kind key   | services: [{name: web, discovery: {kind: simulated, colour: blue}}]     | unknown config key 'services[0].discovery.colour'
      template no key    | every_service: {protocol: http}                                        | unknown config key 'every_service'
      console listen key | console_api: {listen: {port: 19090}}                                   | unknown config key 'console_api.listen'
      console port       | console_api: {port: 70000}                                             | console_api: port 70000 is out of range (0-65535)
      api tls            | api: {tls: {certificate: c.pem, private_key: k.pem}}                   | api: tls is not served: the REST API is plain HTTP
      empty profile      | simulation: {load: {profile: []}}                                      | simulation.load: profile needs at least one point
      """)
  @Timeout(20) // serve that starts never returns: a regression must fail, not hang
  void badConfigurationIsOneLineAndExitCodeTwoAndStartsNothing(
      String problem, String yaml, String message) throws IOException {
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, yaml);

    int exit = run("serve", "--config", config.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).hasLineCount(1).startsWith("scalemesh: ").contains(message);
    assertThat(out.toString()).as("what serve prints once it listens").isEmpty();
  }

  @Test
  @Timeout(20)
  void aMissingConfigFileIsNamed() {
    int exit = run("serve", "--config", dir.resolve("absent.yaml").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .hasLineCount(1)
        .contains("config file")
        .contains("absent.yaml does not exist");
  }

  @Test
  @Timeout(20)
  void aPortOutOfRangeFromAFlagIsNamed() {
    assertThat(run("serve", "--xds-port", "-1")).isEqualTo(2);
    assertThat(err.toString()).hasLineCount(1).contains("xds: port -1 is out of range");
  }

  @Test
  void anUnknownFlagIsOneLine() {
    assertThat(run("serve", "--colour", "blue")).isEqualTo(2);
    assertThat(err.toString()).hasLineCount(1).contains("Unknown option").contains("'--colour'");
  }

  @Test
  void aBootstrapEnvoyWouldRejectIsNotPrintedButNamed() {
    // An empty CA file name: Envoy refuses a data source without a file name.
    assertThat(run("envoy-bootstrap", "--xds-address", "10.0.2.254:18000", "--xds-ca", ""))
        .isEqualTo(2);
    assertThat(err.toString()).contains("Envoy would reject this bootstrap", "filename");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void helpListsTheCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("serve", "envoy-bootstrap", "version");
  }

  @Test
  void serveHelpDocumentsPrecedence() {
    assertThat(run("serve", "--help")).isZero();
    assertThat(out.toString()).contains("--config", "SCALEMESH_XDS_PORT", "then flags");
  }

  @Test
  void serveHelpShowsTheBuiltInDefaultsOfDefaultsYaml() {
    assertThat(run("serve", "--help")).isZero();
    assertThat(out.toString())
        .doesNotContain("${bundle")
        .contains(
            "(default " + ConfigLoader.builtInDefaults().get("xds.port") + ")",
            "(default " + ConfigLoader.builtInDefaults().get("edge.port") + ")");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      10.0.2.254      | 9901  | --xds-address must be HOST:PORT, got '10.0.2.254'
      10.0.2.254:0    | 9901  | --xds-address: port 0 is out of range (1-65535)
      10.0.2.254:18000 | 70000 | --admin-port: port 70000 is out of range (1-65535)
      """)
  void aBootstrapPortOutOfRangeIsNamed(String xdsAddress, String adminPort, String message) {
    assertThat(run("envoy-bootstrap", "--xds-address", xdsAddress, "--admin-port", adminPort))
        .isEqualTo(2);
    assertThat(err.toString()).hasLineCount(1).contains(message);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void versionPrintsOneLine() {
    assertThat(run("version")).isZero();
    assertThat(out.toString()).startsWith("scalemesh ");
  }

  @Test
  void checkLoadsTheConfigurationSaysWhatItServesAndStartsNothing() throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("config.yaml"),
            """
        azure: {subscription_id: 00000000-0000-0000-0000-000000000000}
        services:
          - {name: web, discovery: {kind: azure-vmss, resource_group: rg, scale_set: web, port: 80}}
          - {name: api, discovery: {kind: consul}}
        """);

    assertThat(run("serve", "--check", "--config", config.toString())).isZero();
    assertThat(out.toString()).isEqualTo("configuration OK: web (azure-vmss), api (consul)\n");
  }

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
