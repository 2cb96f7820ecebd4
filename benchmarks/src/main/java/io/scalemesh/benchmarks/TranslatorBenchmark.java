package io.scalemesh.benchmarks;

import io.scalemesh.controlplane.config.ConfigLoader;
import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.inventory.Inventory;
import io.scalemesh.controlplane.mesh.BackendProtocol;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import io.scalemesh.controlplane.publish.PublishGuard;
import io.scalemesh.controlplane.xds.EdgeSettings;
import io.scalemesh.controlplane.xds.EnvoyResources;
import io.scalemesh.controlplane.xds.InvalidResourcesException;
import io.scalemesh.controlplane.xds.ProxyRegistry;
import io.scalemesh.controlplane.xds.XdsResources;
import io.scalemesh.controlplane.xds.XdsServer;
import io.scalemesh.controlplane.xds.XdsTranslator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The translator at scale (JMH), for a mesh of {@code mesh} = services x instances each, every
 * instance ready and labelled as an Azure source labels it. {@code translate}: a mesh state to the
 * xDS resources, the content hash of each type included. {@code validate}: the check of Envoy's
 * rules that a refresh makes (the endpoints), {@code validateAll} that of every type. {@code
 * refresh}: what the publisher does with a changed discovery report, from the inventory to the
 * snapshot the ADS server serves, the check of Envoy's rules included.
 *
 * <pre>./run bench translator -prof gc [JMH options]</pre>
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class TranslatorBenchmark {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Param({"1x1000", "1x10000", "10x1000"})
  public String mesh;

  private static final EdgeSettings EDGE = new EdgeSettings("edge", 8080);

  private final XdsTranslator translator = new XdsTranslator(EDGE);
  // Never started: nothing listens, and with no proxy watching, a publish costs the snapshot alone.
  private final XdsServer xds =
      new XdsServer(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          Optional.empty(),
          new ProxyRegistry(
              Clock.systemUTC(), new ControlPlaneMetrics(), new EventLog(Clock.systemUTC())),
          List.of());
  private Inventory inventory;
  private PublishGuard guard;
  private MeshState state;
  private XdsResources translated;
  private Set<String> unchangedOnAScaleEvent;
  private DiscoveryReport grownReport;
  private DiscoveryReport shrunkReport;
  private boolean grown;

  @Setup
  public void setUp() {
    String[] shape = mesh.split("x");
    int size = Integer.parseInt(shape[1]);
    List<ServiceSpec> services =
        IntStream.range(0, Integer.parseInt(shape[0]))
            .mapToObj(s -> new ServiceSpec("service-" + s, BackendProtocol.GRPC, "/healthz"))
            .toList();
    inventory = new Inventory(services.stream().map(ServiceSpec::name).collect(Collectors.toSet()));
    guard = new PublishGuard(services, ConfigLoader.load(Optional.empty(), Map.of()).guard());
    for (int s = 0; s < services.size(); s++) {
      String name = services.get(s).name();
      inventory.accept(new DiscoveryReport.Complete(name, fleet(name, s, size), NOW));
    }
    state = guard.decide(inventory.view(), NOW).orElseThrow();
    translated = translator.translate(state);
    unchangedOnAScaleEvent = new HashSet<>(translated.hashes());
    translated.endpoints().hashed().forEach(hashed -> unchangedOnAScaleEvent.remove(hashed.hash()));
    // Each report holds instances of its own, as a source's next refresh does, so that the
    // inventory compares them field by field.
    String changing = services.getFirst().name();
    List<Instance> larger = new ArrayList<>(fleet(changing, 0, size));
    larger.add(instance(changing, 0, size, InstanceState.BOOTING));
    grownReport = new DiscoveryReport.Complete(changing, larger, NOW);
    shrunkReport = new DiscoveryReport.Complete(changing, fleet(changing, 0, size), NOW);
  }

  /** A new translator each time: it remembers nothing, so everything is translated. */
  @Benchmark
  public XdsResources translate() {
    return new XdsTranslator(EDGE).translate(state);
  }

  /**
   * The check of Envoy's rules for every load assignment, and nothing else (clusters, listeners and
   * routes keep their hashes on a scale event). A refresh checks only the resources whose hash
   * changed: one load assignment on a scale event of one scale set.
   */
  @Benchmark
  public List<InvalidResourcesException.InvalidResource> validate() {
    return translated.invalid(EnvoyResources.VALIDATOR, unchangedOnAScaleEvent);
  }

  /** The check of every type, as on the first publish. */
  @Benchmark
  public List<InvalidResourcesException.InvalidResource> validateAll() {
    return translated.invalid(EnvoyResources.VALIDATOR, Set.of());
  }

  /**
   * Publisher.publishNewest for a report of the first scale set, one booting instance larger or
   * back to its size, in turn; without the publisher's thread, metrics, log and listeners. At
   * {@code 10x1000} this is the case "10 x 1,000, one service changed": the other nine are neither
   * translated, hashed nor checked again.
   */
  @Benchmark
  public XdsResources refresh() {
    grown = !grown;
    if (!inventory.accept(grown ? grownReport : shrunkReport)) {
      throw new IllegalStateException(
          "the report changed nothing, so there would be nothing to publish");
    }
    XdsResources resources =
        translator.translate(guard.decide(inventory.view(), NOW).orElseThrow());
    xds.publish(resources, NOW);
    return resources;
  }

  private static List<Instance> fleet(String scaleSet, int subnet, int size) {
    return IntStream.range(0, size)
        .mapToObj(i -> instance(scaleSet, subnet, i, InstanceState.READY))
        .toList();
  }

  private static Instance instance(String scaleSet, int subnet, int index, InstanceState state) {
    return new Instance(
            scaleSet + "_" + index,
            Integer.toString(index),
            "10.%d.%d.%d".formatted(subnet, index >> 8 & 255, index & 255),
            "",
            50051,
            Integer.toString(1 + index % 3),
            state,
            "Succeeded",
            "running",
            "Healthy")
        .withLabels(
            Map.of(
                "azure.fault_domain", Integer.toString(index % 5), "azure.tag.service", scaleSet));
  }
}
