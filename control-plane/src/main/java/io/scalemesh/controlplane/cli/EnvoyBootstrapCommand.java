package io.scalemesh.controlplane.cli;

import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.scalemesh.controlplane.config.Ports;
import io.scalemesh.controlplane.envoy.EnvoyBootstrap;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints the bootstrap an Envoy gateway needs to get everything else from this control plane. */
@Command(
    name = "envoy-bootstrap",
    mixinStandardHelpOptions = true,
    description = "Print the Envoy bootstrap YAML for a gateway fed by this control plane.")
public final class EnvoyBootstrapCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--xds-address",
      required = true,
      paramLabel = "HOST:PORT",
      description = "The control plane's xDS address as Envoy reaches it.")
  String xdsAddress;

  @Option(
      names = "--node-id",
      defaultValue = "envoy-gateway",
      description = "Envoy's node id (default: ${DEFAULT-VALUE}).")
  String nodeId;

  @Option(
      names = "--cluster",
      defaultValue = "scalemesh-gateway",
      description = "Envoy's node cluster (default: ${DEFAULT-VALUE}).")
  String cluster;

  @Option(
      names = "--xds-ca",
      paramLabel = "FILE",
      description =
          "Reach the control plane over TLS, trusting this CA file (on the gateway): for xds.tls.")
  String xdsCa;

  @Option(
      names = "--xds-client-cert",
      paramLabel = "FILE",
      description =
          "With --xds-ca: Envoy's certificate file, for a control plane with xds.tls.client_ca.")
  String xdsClientCert;

  @Option(
      names = "--xds-client-key",
      paramLabel = "FILE",
      description = "The key file of --xds-client-cert.")
  String xdsClientKey;

  @Option(
      names = "--admin-port",
      defaultValue = "9901",
      description = "Port of Envoy's admin interface, on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int adminPort;

  @Override
  public Integer call() {
    int colon = xdsAddress.lastIndexOf(':');
    if (colon < 1 || !xdsAddress.substring(colon + 1).matches("[0-9]{1,5}")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--xds-address must be HOST:PORT, got '" + xdsAddress + "'");
    }
    int port = checked("--xds-address", Integer.parseInt(xdsAddress.substring(colon + 1)));
    checked("--admin-port", adminPort);
    if (xdsCa == null && (xdsClientCert != null || xdsClientKey != null)
        || (xdsClientCert == null) != (xdsClientKey == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--xds-client-cert and --xds-client-key go together, and with --xds-ca");
    }
    String host = xdsAddress.substring(0, colon);
    Optional<EnvoyBootstrap.XdsTls> tls =
        Optional.ofNullable(xdsCa)
            .map(
                ca ->
                    new EnvoyBootstrap.XdsTls(
                        ca, Optional.ofNullable(xdsClientCert), Optional.ofNullable(xdsClientKey)));
    Bootstrap bootstrap = EnvoyBootstrap.of(host, port, nodeId, cluster, adminPort, tls);
    // Envoy would refuse to start on it; better said here, where the arguments are.
    EnvoyBootstrap.violation(bootstrap)
        .ifPresent(
            violation -> {
              throw new CommandLine.ParameterException(
                  spec.commandLine(), "Envoy would reject this bootstrap: " + violation);
            });
    PrintWriter out = spec.commandLine().getOut();
    out.print(EnvoyBootstrap.yaml(bootstrap));
    out.flush();
    return 0;
  }

  private int checked(String option, int port) {
    try {
      return Ports.toConnectTo(port);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }
}
