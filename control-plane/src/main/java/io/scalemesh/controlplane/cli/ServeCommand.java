package io.scalemesh.controlplane.cli;

import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.config.ConfigException;
import io.scalemesh.controlplane.config.ConfigLoader;
import io.scalemesh.controlplane.config.ScalemeshConfig;
import io.scalemesh.controlplane.config.ServiceConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the control plane until it is stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the control plane until stopped (SIGTERM, Ctrl-C).",
      "",
      "Settings come from, lowest precedence first: the built-in defaults (a flag's",
      "is shown with it; all are in the README's Configuration section), the",
      "--config file, SCALEMESH_* environment variables, then flags.",
      ""
    })
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      defaultValue = "${env:SCALEMESH_CONFIG}",
      description = "YAML configuration file. Env: SCALEMESH_CONFIG.")
  Path config;

  @Option(
      names = "--xds-address",
      defaultValue = "${env:SCALEMESH_XDS_ADDRESS}",
      description =
          "Address the xDS server binds (default ${bundle:xds.address}). Env: SCALEMESH_XDS_ADDRESS.")
  String xdsAddress;

  @Option(
      names = "--xds-port",
      defaultValue = "${env:SCALEMESH_XDS_PORT}",
      description = "xDS port (default ${bundle:xds.port}). Env: SCALEMESH_XDS_PORT.")
  String xdsPort;

  @Option(
      names = "--api-address",
      defaultValue = "${env:SCALEMESH_API_ADDRESS}",
      description =
          "Address the REST API binds (default ${bundle:api.address}). Env: SCALEMESH_API_ADDRESS.")
  String apiAddress;

  @Option(
      names = "--api-port",
      defaultValue = "${env:SCALEMESH_API_PORT}",
      description = "REST API port (default ${bundle:api.port}). Env: SCALEMESH_API_PORT.")
  String apiPort;

  @Option(
      names = "--edge-port",
      defaultValue = "${env:SCALEMESH_EDGE_PORT}",
      description =
          "Port of the Envoy gateway's ingress listener (default ${bundle:edge.port}). "
              + "Env: SCALEMESH_EDGE_PORT.")
  String edgePort;

  @Option(
      names = "--check",
      description =
          "Only check the configuration: print what it serves and exit 0, or the problem and exit 2.")
  boolean check;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    ScalemeshConfig loaded;
    try {
      loaded = ConfigLoader.load(Optional.ofNullable(config), overrides());
    } catch (ConfigException e) {
      err.println("scalemesh: " + e.getMessage());
      return Main.USAGE;
    }
    if (check) {
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "configuration OK: "
              + loaded.services().stream()
                  .map(service -> service.name() + " (" + service.discovery().kind() + ")")
                  .collect(Collectors.joining(", ")));
      out.flush();
      return 0;
    }
    ControlPlane plane;
    try {
      plane = ControlPlane.start(loaded, Clock.systemUTC());
    } catch (RuntimeException e) {
      // A port in use, an address this host does not have: say which, in one line.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      err.println(
          "scalemesh: cannot start: "
              + e.getMessage()
              + (cause != e ? ": " + cause.getMessage() : ""));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  plane.close();
                  stopped.countDown();
                },
                "shutdown"));
    printEndpoints(loaded, plane);
    stopped.await();
    return 0;
  }

  private Map<String, String> overrides() {
    Map<String, String> overrides = new LinkedHashMap<>();
    putIfSet(overrides, "xds.address", xdsAddress);
    putIfSet(overrides, "xds.port", xdsPort);
    putIfSet(overrides, "api.address", apiAddress);
    putIfSet(overrides, "api.port", apiPort);
    putIfSet(overrides, "edge.port", edgePort);
    return overrides;
  }

  private static void putIfSet(Map<String, String> overrides, String key, String value) {
    if (value != null && !value.isBlank()) {
      overrides.put(key, value);
    }
  }

  private void printEndpoints(ScalemeshConfig config, ControlPlane plane) {
    PrintWriter out = spec.commandLine().getOut();
    String api = "http://" + config.api().address() + ":" + plane.apiPort();
    String xds = config.xds().address() + ":" + plane.xdsPort();
    out.println("scalemesh " + VersionCommand.version() + " is serving");
    out.println("  xDS (ADS)       " + xds);
    out.println("  instances       " + api + "/api/vms");
    out.println("  health          " + api + "/healthz  " + api + "/readyz");
    out.println("  metrics         " + api + "/metrics");
    // ./run demo connects the console to the address on this line.
    out.println(
        "  console API     "
            + config.consoleApi().listen().address()
            + ":"
            + plane.consoleApiPort()
            + " (gRPC)");
    for (ServiceConfig service : config.services()) {
      out.println(
          "  gRPC clients    xds:///"
              + service.name()
              + "  ("
              + service.discovery().kind()
              + " scale set)");
    }
    out.println(
        "  Envoy gateway   ./run cli envoy-bootstrap --xds-address " + xds + " > envoy.yaml");
    out.flush();
  }
}
