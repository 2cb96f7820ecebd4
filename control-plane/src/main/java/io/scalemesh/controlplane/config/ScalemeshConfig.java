package io.scalemesh.controlplane.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The control plane's whole configuration, as bound from YAML (snake_case keys). Every default is
 * in {@code defaults.yaml} and {@link ConfigLoader} fills it in, so the records of this package
 * only check what they are given.
 *
 * @param xds where the ADS server listens for Envoy and gRPC clients, its TLS, and how many first
 *     pushes it sends at once
 * @param loadReports how proxies report their calls (LRS, on the xDS port)
 * @param api where the REST API (/api/vms, /healthz, /readyz, /metrics) listens; plain HTTP
 * @param edge the Envoy gateway's ingress listener
 * @param consoleApi where the console API (status stream, scale actions) listens, and who may use
 *     it
 * @param simulation the simulated world of the demo
 * @param guard when a removal is too big to publish at once
 * @param azure which Azure cloud and subscription, for services discovered there
 * @param consul how to reach Consul, for services discovered there
 * @param services the scale sets in the mesh, one service each
 */
public record ScalemeshConfig(
    XdsConfig xds,
    LoadReports loadReports,
    Listen api,
    ConsoleApiConfig consoleApi,
    Edge edge,
    SimulationConfig simulation,
    GuardConfig guard,
    AzureConfig azure,
    ConsulConfig consul,
    List<ServiceConfig> services) {

  public ScalemeshConfig {
    if (api.tls() != null) {
      throw new IllegalArgumentException(
          "api: tls is not served: the REST API is plain HTTP (xds and console_api take tls)");
    }
    if (xds.tls() != null && simulation.load().enabled()) {
      throw new IllegalArgumentException(
          "simulation.load drives the demo through plaintext xDS on loopback: unset xds.tls");
    }
    if (services.isEmpty()) {
      throw new IllegalArgumentException("services: at least one service is needed");
    }
    if (azure.changeEvents() != null
        && services.stream()
            .noneMatch(s -> s.discovery() instanceof DiscoveryConfig.AzureVmssDiscovery)) {
      throw new IllegalArgumentException(
          "azure.change_events: no service has discovery kind azure-vmss, whose scale sets the"
              + " events would refresh");
    }
    Set<String> names = new HashSet<>();
    for (ServiceConfig service : services) {
      if (!names.add(service.name())) {
        throw new IllegalArgumentException(
            "services: the name '" + service.name() + "' is used twice");
      }
      if (service.discovery() instanceof DiscoveryConfig.AzureDiscovery) {
        azure.requireSubscription();
      }
    }
    services = List.copyOf(services);
  }

  /**
   * Where a server listens (port 0 picks a free one), and its TLS; plaintext without, fit for
   * loopback or a private network only.
   */
  public record Listen(String address, int port, ServerTls tls) {
    public Listen {
      if (address == null || address.isBlank()) {
        throw new IllegalArgumentException("address must not be empty");
      }
      Ports.toListenOn(port);
    }
  }

  /**
   * @param intervalSeconds how often each proxy is asked to report: the rates shown are over two
   *     intervals, and a scale event's report waits one interval after it settles
   */
  public record LoadReports(int intervalSeconds) {
    public LoadReports {
      if (intervalSeconds < 1 || intervalSeconds > 300) {
        throw new IllegalArgumentException(
            "interval_seconds " + intervalSeconds + " must be between 1 and 300");
      }
    }

    public java.time.Duration interval() {
      return java.time.Duration.ofSeconds(intervalSeconds);
    }
  }

  /**
   * @param listenerName the LDS name of the gateway's ingress listener
   * @param port the port the gateway listens on
   */
  public record Edge(String listenerName, int port) {
    public Edge {
      if (listenerName == null || listenerName.isBlank()) {
        throw new IllegalArgumentException("listener_name must not be empty");
      }
      Ports.toListenOn(port);
    }
  }

  /**
   * TLS for a gRPC server (xDS, the console API): PEM files, the key in PKCS#8.
   *
   * @param certificate the server's certificate chain
   * @param privateKey its key
   * @param clientCa when set, clients must present a certificate signed by these CAs
   */
  public record ServerTls(Path certificate, Path privateKey, Path clientCa) {
    public ServerTls {
      if (certificate == null || privateKey == null) {
        throw new IllegalArgumentException("tls needs both certificate and private_key");
      }
    }
  }
}
