package io.scalemesh.controlplane.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.scalemesh.controlplane.mesh.BackendProtocol;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import io.scalemesh.controlplane.validation.EnvoyValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever the mesh, the translator's resources pass Envoy's own rules, unless a source reported an
 * address Envoy cannot use, and then exactly the assignments holding one are refused; and the rules
 * can fail, shown on mutated resources. Meshes come from a seeded generator (each seed is one mesh,
 * so a failure names a mesh that can be made again) and from the cases generators find too rarely.
 */
class TranslationValidityTest {
  private static final EnvoyValidator RULES = EnvoyResources.VALIDATOR;
  private static final XdsTranslator TRANSLATOR = new XdsTranslator(new EdgeSettings("edge", 8080));
  private static final String ODD = "é路-_.~!$&'()*+,;=:@%/? \t\"\\<>{}|^`[]#";

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  @ParameterizedTest(name = "mesh of seed {0}")
  @MethodSource("seeds")
  void everyRandomMeshIsValidSaveTheAssignmentsOfServicesWithAnAddressEnvoyCannotUse(long seed) {
    MeshState mesh = randomMesh(new Random(seed));
    List<String> unusable =
        mesh.services().stream()
            .filter(service -> service.instances().stream().anyMatch(i -> !isIp(i.privateIp())))
            .map(MeshState.Service::name)
            .toList();

    List<InvalidResourcesException.InvalidResource> invalid =
        TRANSLATOR.translate(mesh).invalid(RULES, Set.of());

    assertThat(invalid)
        .as("seed %d", seed)
        .allSatisfy(bad -> assertThat(bad.type()).isEqualTo("ClusterLoadAssignment"));
    assertThat(invalid)
        .as("seed %d", seed)
        .extracting(InvalidResourcesException.InvalidResource::name)
        .containsExactlyInAnyOrderElementsOf(unusable);
  }

  @Test
  void aMeshWithoutServicesOrInstancesIsValid() {
    assertValid(MeshState.of(List.of()), "no services");
    assertValid(
        MeshState.of(List.of(new MeshState.Service(grpc("backend"), List.of()))), "no instances");
  }

  @Test
  void aThousandInstancesInEveryStateAndZoneAreValid() {
    Random random = new Random(1_000);
    List<Instance> instances =
        IntStream.range(0, 1_000).mapToObj(i -> instance(random, i, 0)).toList();
    assertValid(
        MeshState.of(List.of(new MeshState.Service(grpc("backend"), instances))),
        "1,000 instances");
  }

  @Test
  void aServiceWhoseEveryInstanceDrainsIsValid() {
    Random random = new Random(7);
    List<Instance> draining =
        IntStream.range(0, 20)
            .mapToObj(i -> withState(instance(random, i, 0), InstanceState.DRAINING))
            .toList();
    assertValid(
        MeshState.of(List.of(new MeshState.Service(grpc("backend"), draining))), "all draining");
  }

  @Test
  void ipv6AddressesWithoutZonesAreValid() {
    List<Instance> instances =
        List.of(
            new Instance("a", "0", "fd00::1", "", 50051, "", InstanceState.READY, "", "", ""),
            new Instance(
                "b",
                "1",
                "2001:db8:0:0:0:0:0:2",
                "2001:db8::ff",
                50051,
                "",
                InstanceState.BOOTING,
                "",
                "",
                ""));
    assertValid(MeshState.of(List.of(new MeshState.Service(grpc("backend"), instances))), "IPv6");
  }

  @Test
  void aPortOutOfRangeIsCaughtSoTheCheckCanFail() {
    XdsResources resources =
        translate(
            List.of(
                new Instance(
                    "a", "0", "10.0.0.1", "", 8080, "1", InstanceState.READY, "", "", "")));
    ClusterLoadAssignment mutated =
        resources.endpoints().resources().getFirst().toBuilder()
            .setEndpoints(
                0,
                resources.endpoints().resources().getFirst().getEndpoints(0).toBuilder()
                    .setLbEndpoints(
                        0,
                        resources
                            .endpoints()
                            .resources()
                            .getFirst()
                            .getEndpoints(0)
                            .getLbEndpoints(0)
                            .toBuilder()
                            .setEndpoint(
                                resources
                                    .endpoints()
                                    .resources()
                                    .getFirst()
                                    .getEndpoints(0)
                                    .getLbEndpoints(0)
                                    .getEndpoint()
                                    .toBuilder()
                                    .setAddress(
                                        io.envoyproxy.envoy.config.core.v3.Address.newBuilder()
                                            .setSocketAddress(
                                                io.envoyproxy.envoy.config.core.v3.SocketAddress
                                                    .newBuilder()
                                                    .setAddress("10.0.0.1")
                                                    .setPortValue(70_000))))))
            .build();

    assertThat(invalid(resources, mutated))
        .singleElement()
        .satisfies(
            bad -> {
              assertThat(bad.type()).isEqualTo("ClusterLoadAssignment");
              assertThat(bad.violation()).contains("port_value");
            });
  }

  @Test
  void anEmptyClusterNameIsCaughtSoTheCheckCanFail() {
    XdsResources resources = translate(List.of());
    ClusterLoadAssignment mutated =
        resources.endpoints().resources().getFirst().toBuilder().setClusterName("").build();

    assertThat(invalid(resources, mutated))
        .singleElement()
        .satisfies(bad -> assertThat(bad.violation()).contains("cluster_name"));
  }

  @Test
  void onlyResourcesWhoseHashIsNotKnownValidAreChecked() {
    XdsResources resources = translate(List.of());
    XdsResources mutated =
        withEndpoints(
            resources,
            resources.endpoints().resources().getFirst().toBuilder().setClusterName("").build());

    // A known hash stands for content found valid when it was published: a refresh that did not
    // change a resource does not check it again.
    assertThat(mutated.invalid(RULES, mutated.hashes())).isEmpty();
    assertThat(mutated.invalid(RULES, resources.hashes())).hasSize(1);
  }

  private static List<InvalidResourcesException.InvalidResource> invalid(
      XdsResources resources, ClusterLoadAssignment endpoints) {
    return withEndpoints(resources, endpoints).invalid(RULES, Set.of());
  }

  private static XdsResources withEndpoints(
      XdsResources resources, ClusterLoadAssignment endpoints) {
    return new XdsResources(
        resources.clusters(),
        XdsResources.Versioned.of(TypeUrls.ENDPOINT, List.of(endpoints)),
        resources.listeners(),
        resources.routes());
  }

  private static void assertValid(MeshState mesh, String which) {
    assertThat(TRANSLATOR.translate(mesh).invalid(RULES, Set.of())).as(which).isEmpty();
  }

  private static XdsResources translate(List<Instance> instances) {
    return TRANSLATOR.translate(
        MeshState.of(List.of(new MeshState.Service(grpc("backend"), instances))));
  }

  private static MeshState randomMesh(Random random) {
    List<MeshState.Service> services = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int count = random.nextInt(5);
    while (names.size() < count) {
      String name = serviceName(random);
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    for (String name : names) {
      BackendProtocol protocol = random.nextBoolean() ? BackendProtocol.GRPC : BackendProtocol.HTTP;
      ServiceSpec spec = new ServiceSpec(name, protocol, "/" + text(random, 20));
      int size = random.nextInt(10) == 0 ? 0 : random.nextInt(60);
      List<Instance> instances = new ArrayList<>();
      InstanceState only = random.nextInt(4) == 0 ? pick(random, InstanceState.values()) : null;
      for (int i = 0; i < size; i++) {
        Instance instance = instance(random, i, 1.0 / 200);
        instances.add(only == null ? instance : withState(instance, only));
      }
      services.add(new MeshState.Service(spec, instances));
    }
    return MeshState.of(services);
  }

  /** As the configuration allows: 1-63 of [a-z0-9.-], a letter or digit at each end. */
  private static String serviceName(Random random) {
    String inner = "abcdefghijklmnopqrstuvwxyz0123456789.-";
    String ends = "abcdefghijklmnopqrstuvwxyz0123456789";
    int length = 1 + random.nextInt(63);
    StringBuilder name = new StringBuilder().append(ends.charAt(random.nextInt(ends.length())));
    for (int i = 1; i < length - 1; i++) {
      name.append(inner.charAt(random.nextInt(inner.length())));
    }
    if (length > 1) {
      name.append(ends.charAt(random.nextInt(ends.length())));
    }
    return name.toString();
  }

  /**
   * An instance as any source might report it: odd names and zones, IPv4 or IPv6, any port and
   * state; and with this chance an address Envoy cannot use (none, or a host name).
   */
  private static Instance instance(Random random, int index, double unusableAddress) {
    String ip =
        random.nextDouble() < unusableAddress
            ? (random.nextBoolean() ? "" : "vm-" + index + ".internal")
            : random.nextBoolean()
                ? "10.%d.%d.%d"
                    .formatted(random.nextInt(256), random.nextInt(256), random.nextInt(256))
                : "fd00:%x::%x".formatted(random.nextInt(65_536), random.nextInt(65_536));
    String zone = random.nextInt(3) == 0 ? "" : text(random, 12);
    return new Instance(
        text(random, 30) + index,
        Integer.toString(index),
        ip,
        random.nextBoolean() ? "" : "20.0.0.1",
        1 + random.nextInt(65_535),
        zone,
        pick(random, InstanceState.values()),
        text(random, 10),
        text(random, 10),
        text(random, 10));
  }

  private static Instance withState(Instance i, InstanceState state) {
    return new Instance(
        i.name(),
        i.instanceId(),
        i.privateIp(),
        i.publicIp(),
        i.port(),
        i.zone(),
        state,
        i.provisioningState(),
        i.powerState(),
        i.healthState(),
        i.labels());
  }

  private static String text(Random random, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(
          random.nextInt(3) == 0
              ? ODD.charAt(random.nextInt(ODD.length()))
              : (char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }

  private static boolean isIp(String address) {
    return com.google.common.net.InetAddresses.isInetAddress(address);
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }

  private static ServiceSpec grpc(String name) {
    return new ServiceSpec(name, BackendProtocol.GRPC, "/healthz");
  }
}
