package io.scalemesh.controlplane.discovery.azure;

import static io.scalemesh.controlplane.fixtures.TestTokens.bearer;
import static io.scalemesh.controlplane.fixtures.TestTokens.sha;

import io.grpc.ManagedChannel;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.config.AzureConfig;
import io.scalemesh.controlplane.config.DiscoveryConfig.AzureVmTagsDiscovery;
import io.scalemesh.controlplane.config.DiscoveryConfig.AzureVmssDiscovery;
import io.scalemesh.controlplane.config.ScalemeshConfig;
import io.scalemesh.controlplane.config.ServiceConfig;
import io.scalemesh.controlplane.discovery.ServiceCapabilities;
import io.scalemesh.controlplane.fixtures.AdsSubscriber;
import io.scalemesh.controlplane.fixtures.PublishedInstances;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestChannels;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.fixtures.azure.AzureSources;
import io.scalemesh.controlplane.fixtures.azure.ResourceManagerStub;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.ScaleSet;
import io.scalemesh.model.console.v1.WatchRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local Resource Manager for a test, and a control plane whose one service, "web", an Azure
 * source reads from it through the real Azure SDK; with an xDS subscriber to its endpoints and
 * clients of its console API (an operator's and a viewer's token). Register it with
 * {@code @RegisterExtension}: everything it starts closes with the test.
 */
final class AzurePlane implements BeforeEachCallback, AfterEachCallback {
  static final String OPERATOR = "operator-token";
  static final String VIEWER = "viewer-token";

  private final Teardown teardown = new Teardown();
  private Path dir;
  private ResourceManagerStub azure;
  private AzureSession session;
  private ControlPlane plane;
  private AdsSubscriber xds;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("azure-plane");
    azure = teardown.add(new ResourceManagerStub());
    session = AzureSession.connect(config(azure.endpoint()), AzureSources.CREDENTIAL, status -> {});
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      teardown.afterEach(context);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  ResourceManagerStub azure() {
    return azure;
  }

  /** The audit log of the control plane. */
  Path auditLog() {
    return TestConfigs.auditLog(dir);
  }

  static AzureConfig config(URI endpoint) {
    return new AzureConfig(
        "custom", endpoint, endpoint, null, ResourceManagerStub.SUBSCRIPTION, null, null);
  }

  /**
   * The azure-vmss capabilities of {@code config}'s first service, reading as {@link #CREDENTIAL}.
   */
  static ServiceCapabilities firstVmss(ScalemeshConfig config) {
    ServiceConfig service = config.services().getFirst();
    return AzureVmss.capabilities(
        service.name(),
        (AzureVmssDiscovery) service.discovery(),
        AzureSession.connect(config.azure(), AzureSources.CREDENTIAL, status -> {}),
        service.autoscale().policy(),
        Clock.systemUTC());
  }

  AzureSession session() {
    return session;
  }

  /** Serves the scale set {@code name} as "web", read every second; returns its capabilities. */
  ServiceCapabilities startVmss(String name) {
    return startVmss(name, Clock.systemUTC());
  }

  /** The same, with the autoscaler on {@code clock} (a scaled one samples CPU sooner). */
  ServiceCapabilities startVmss(String name, Clock clock) {
    return startVmss(name, "refresh_seconds: 1, transition_refresh_seconds: 1", clock);
  }

  /** The same, read every {@code atRest} seconds, every {@code inTransition} while it changes. */
  ServiceCapabilities startVmss(String name, int atRest, int inTransition) {
    return startVmss(
        name,
        "refresh_seconds: " + atRest + ", transition_refresh_seconds: " + inTransition,
        Clock.systemUTC());
  }

  private ServiceCapabilities startVmss(String name, String pace, Clock clock) {
    ScalemeshConfig config =
        config(
            "{kind: azure-vmss, resource_group: rg-mesh, scale_set: "
                + name
                + ", port: 80, "
                + pace
                + "}");
    ServiceCapabilities web =
        AzureVmss.capabilities(
            "web",
            (AzureVmssDiscovery) config.services().getFirst().discovery(),
            session,
            config.services().getFirst().autoscale().policy(),
            Clock.systemUTC());
    start(config, web, clock);
    return web;
  }

  /** Serves the VMs with the tag role=web as "web" on port 8080. */
  void startTagged() {
    ScalemeshConfig config =
        config("{kind: azure-vm-tags, tag: role=web, resource_group: rg-mesh, port: 8080}");
    start(
        config,
        AzureVmTags.capabilities(
            "web",
            (AzureVmTagsDiscovery) config.services().getFirst().discovery(),
            session,
            Clock.systemUTC()),
        Clock.systemUTC());
  }

  /** A configuration with "web" discovered as {@code discovery} says (YAML flow style). */
  ScalemeshConfig config(String discovery) {
    return TestConfigs.fromYaml(
        dir,
        """
        azure: {cloud: custom, resource_manager_endpoint: '%s', authority: '%s', subscription_id: %s}
        console_api:
          tokens:
            - {identity: ops, role: operator, sha256: %s}
            - {identity: watcher, role: viewer, sha256: %s}
        services:
          - name: web
            protocol: http
            discovery: %s
            autoscale: {minimum: 1, maximum: 6}
        """
            .formatted(
                azure.endpoint(),
                azure.endpoint(),
                ResourceManagerStub.SUBSCRIPTION,
                sha(OPERATOR),
                sha(VIEWER),
                discovery));
  }

  void start(ScalemeshConfig config, ServiceCapabilities web, Clock clock) {
    plane = teardown.add(ControlPlane.startWith(config, List.of(web), clock));
    xds = teardown.add(AdsSubscriber.endpointsOf(plane.xdsPort(), "web"));
  }

  ControlPlane plane() {
    return plane;
  }

  AdsSubscriber xds() {
    return xds;
  }

  /** The instance named {@code name} as last published. */
  Instance published(String name) {
    return PublishedInstances.of(plane).stream()
        .filter(i -> i.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no published instance " + name));
  }

  /** The scale set as the status stream's first message shows it. */
  ScaleSet watchFirst() throws InterruptedException {
    ManagedChannel channel = TestChannels.plaintext(plane.consoleApiPort());
    try {
      return ConsoleGrpc.newBlockingStub(channel)
          .withCallCredentials(bearer(VIEWER))
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .watch(WatchRequest.getDefaultInstance())
          .next()
          .getStatus()
          .getScaleSets(0);
    } finally {
      TestChannels.close(channel);
    }
  }

  ConsoleGrpc.ConsoleBlockingStub console(String token) {
    return ConsoleGrpc.newBlockingStub(teardown.plaintextChannel(plane.consoleApiPort()))
        .withCallCredentials(bearer(token))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }
}
