package io.scalemesh.benchmarks;

import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.fixtures.GrpcMesh;
import io.scalemesh.controlplane.fixtures.StreamObservers;
import io.scalemesh.controlplane.fixtures.TestChannels;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import io.scalemesh.controlplane.xds.EdgeSettings;
import io.scalemesh.controlplane.xds.ProxyRegistry;
import io.scalemesh.controlplane.xds.XdsResources;
import io.scalemesh.controlplane.xds.XdsServer;
import io.scalemesh.controlplane.xds.XdsTranslator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * What one scale event costs on the wire to an Envoy-like ADS client, delta against
 * state-of-the-world: the bytes (the responses' protobuf encoding) and messages the control plane
 * sends, per event. Each client subscribes as Envoy does, to every cluster, each cluster's
 * endpoints, every listener and the edge routes, and ACKs every response. Each event adds a booting
 * instance to one of the services, or removes it again, in turn over the services; it ends when
 * both clients hold the new endpoint version. Control plane and clients share this JVM.
 *
 * <pre>./run bench xds-bytes [services=10] [instances per service=1000] [events=20]</pre>
 */
public final class XdsBytesBenchmark {
  private static final List<String> WILDCARD = List.of();
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final Duration QUIET = Duration.ofSeconds(2);
  private static final int SUBSCRIBED_TYPES = subscriptions(List.of()).size();

  public static void main(String[] args) throws Exception {
    int services = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int events = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    new XdsBytesBenchmark().run(services, instances, events);
    System.exit(0);
  }

  private void run(int serviceCount, int instances, int events) throws Exception {
    List<String> services = IntStream.range(0, serviceCount).mapToObj(i -> "service-" + i).toList();
    Map<String, List<Instance>> fleet = new ConcurrentHashMap<>();
    services.forEach(service -> fleet.put(service, Fleet.ready(instances)));
    Clock clock = Clock.systemUTC();
    XdsTranslator translator = new XdsTranslator(new EdgeSettings("edge", 8080));
    try (XdsServer server =
        new XdsServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Optional.empty(),
                new ProxyRegistry(clock, new ControlPlaneMetrics(), new EventLog(clock)),
                List.of())
            .start()) {
      String version = publish(server, translator, fleet);
      ManagedChannel channel = TestChannels.plaintext(server.port());
      Client sotw = new SotwClient(channel, services);
      Client delta = new DeltaClient(channel, services);
      for (Client client : List.of(sotw, delta)) {
        client.awaitEndpoints(version);
        client.awaitEveryType();
      }
      // java-control-plane answers a state-of-the-world endpoint request that follows a cluster
      // response again, same version: at the start, not on a scale event. Those are not counted.
      Thread.sleep(QUIET.toMillis());
      sotw.reset();
      delta.reset();
      for (int event = 0; event < events; event++) {
        String service = services.get(event % serviceCount);
        List<Instance> changed = new ArrayList<>(Fleet.ready(instances));
        if (event / serviceCount % 2 == 0) {
          changed.add(booting(instances));
        }
        fleet.put(service, changed);
        version = publish(server, translator, fleet);
        sotw.awaitEndpoints(version);
        delta.awaitEndpoints(version);
      }
      System.out.printf(
          "%d services of %d instances, %d scale events of one service each%n",
          serviceCount, instances, events);
      System.out.printf("%-20s %14s %16s%n", "client", "messages/event", "bytes/event");
      sotw.print("state-of-the-world", events);
      delta.print("delta", events);
      System.out.printf(
          "delta sends %.1fx fewer bytes%n", (double) sotw.bytes.get() / delta.bytes.get());
      TestChannels.close(channel);
    }
  }

  private static String publish(
      XdsServer server, XdsTranslator translator, Map<String, List<Instance>> fleet) {
    XdsResources resources = translator.translate(GrpcMesh.of(fleet));
    server.publish(resources, Instant.now());
    return resources.endpoints().version();
  }

  private static Instance booting(int index) {
    Instance ready = Fleet.ready(index + 1).getLast();
    return new Instance(
        ready.name(),
        ready.instanceId(),
        ready.privateIp(),
        "",
        ready.port(),
        ready.zone(),
        InstanceState.BOOTING,
        "Creating",
        "starting",
        "Unknown");
  }

  /** An Envoy-like client that counts what it is sent and ACKs it. */
  private abstract static class Client {
    static final Node NODE = Node.newBuilder().setId("bench-envoy").setCluster("edge").build();

    final AtomicLong bytes = new AtomicLong();
    final AtomicLong messages = new AtomicLong();
    final Map<String, String> versions = new ConcurrentHashMap<>();

    void received(String typeUrl, String version, int size) {
      bytes.addAndGet(size);
      messages.incrementAndGet();
      versions.put(typeUrl, version);
    }

    void reset() {
      bytes.set(0);
      messages.set(0);
    }

    void awaitEndpoints(String version) throws InterruptedException {
      await(() -> version.equals(versions.get(Resources.V3.ENDPOINT_TYPE_URL)), version);
    }

    /** Until the first response of every type it subscribes to has come. */
    void awaitEveryType() throws InterruptedException {
      await(() -> versions.size() == SUBSCRIBED_TYPES, "every type");
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
      long deadline = System.nanoTime() + SETTLE.toNanos();
      while (!done.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no " + what + " within " + SETTLE);
        }
        Thread.sleep(1);
      }
    }

    void print(String name, int events) {
      System.out.printf(
          "%-20s %14.1f %16d%n",
          name, (double) messages.get() / events, Math.round((double) bytes.get() / events));
    }
  }

  private static final class SotwClient extends Client {
    private final Map<String, List<String>> names;
    private final StreamObserver<DiscoveryRequest> requests;

    SotwClient(ManagedChannel channel, List<String> services) {
      names = subscriptions(services);
      requests =
          AggregatedDiscoveryServiceGrpc.newStub(channel)
              .streamAggregatedResources(StreamObservers.onEach(this::onResponse));
      names.keySet().forEach(type -> request(type, "", ""));
    }

    private synchronized void onResponse(DiscoveryResponse response) {
      received(response.getTypeUrl(), response.getVersionInfo(), response.getSerializedSize());
      request(response.getTypeUrl(), response.getVersionInfo(), response.getNonce());
    }

    private synchronized void request(String typeUrl, String version, String nonce) {
      requests.onNext(
          DiscoveryRequest.newBuilder()
              .setNode(NODE)
              .setTypeUrl(typeUrl)
              .addAllResourceNames(names.get(typeUrl))
              .setVersionInfo(version)
              .setResponseNonce(nonce)
              .build());
    }
  }

  private static final class DeltaClient extends Client {
    private final StreamObserver<DeltaDiscoveryRequest> requests;

    DeltaClient(ManagedChannel channel, List<String> services) {
      requests =
          AggregatedDiscoveryServiceGrpc.newStub(channel)
              .deltaAggregatedResources(StreamObservers.onEach(this::onResponse));
      subscriptions(services)
          .forEach(
              (type, names) ->
                  send(
                      DeltaDiscoveryRequest.newBuilder()
                          .setNode(NODE)
                          .setTypeUrl(type)
                          .addAllResourceNamesSubscribe(names)
                          .build()));
    }

    private void onResponse(DeltaDiscoveryResponse response) {
      received(
          response.getTypeUrl(), response.getSystemVersionInfo(), response.getSerializedSize());
      send(
          DeltaDiscoveryRequest.newBuilder()
              .setTypeUrl(response.getTypeUrl())
              .setResponseNonce(response.getNonce())
              .build());
    }

    private synchronized void send(DeltaDiscoveryRequest request) {
      requests.onNext(request);
    }
  }

  /** What Envoy subscribes to, by type URL: a wildcard is an empty list. */
  private static Map<String, List<String>> subscriptions(List<String> services) {
    return Map.of(
        Resources.V3.CLUSTER_TYPE_URL, WILDCARD,
        Resources.V3.ENDPOINT_TYPE_URL, services,
        Resources.V3.LISTENER_TYPE_URL, WILDCARD,
        Resources.V3.ROUTE_TYPE_URL, List.of("edge"));
  }
}
