package io.scalemesh.benchmarks;

import com.google.protobuf.Timestamp;
import io.scalemesh.model.console.v1.AutoscalePolicy;
import io.scalemesh.model.console.v1.CapacityBounds;
import io.scalemesh.model.console.v1.EndpointStatus;
import io.scalemesh.model.console.v1.Event;
import io.scalemesh.model.console.v1.EventKind;
import io.scalemesh.model.console.v1.History;
import io.scalemesh.model.console.v1.Instance;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.Proxy;
import io.scalemesh.model.console.v1.ScaleSet;
import io.scalemesh.model.console.v1.Traffic;
import io.scalemesh.model.console.v1.WatchUpdate;
import io.scalemesh.model.console.v1.XdsStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A busy mesh as the console API would report it: one scale set of about {@code size} instances in
 * three zones whose CPU figures and call rates all move every update (one instance in 50 failing a
 * fifth of its calls), a few instances changing state, one leaving and one arriving every update,
 * {@code proxies} proxies that report load, and a handful of events.
 */
final class SyntheticMesh {
  private static final int STATE_CHANGES = 10;

  /** Calls per second an instance gets on average. */
  private static final double CALLS_PER_INSTANCE = 20;

  private final Random random = new Random(42);
  private final List<Instance.Builder> instances = new ArrayList<>();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final int proxies;
  private int nextIndex;
  private int version;

  SyntheticMesh(int size, int proxies) {
    this.proxies = proxies;
    for (int i = 0; i < size; i++) {
      instances.add(newInstance(EndpointStatus.ENDPOINT_STATUS_READY));
    }
  }

  /** The first update of a stream: the state and an empty history. */
  WatchUpdate first() {
    return update().toBuilder().setHistory(History.getDefaultInstance()).build();
  }

  /** The next update, {@code step} later on the control plane's clock. */
  WatchUpdate next(Duration step) {
    now = now.plus(step);
    instances.remove(random.nextInt(instances.size()));
    instances.add(newInstance(EndpointStatus.ENDPOINT_STATUS_BOOTING));
    for (int i = 0; i < STATE_CHANGES; i++) {
      Instance.Builder instance = instances.get(random.nextInt(instances.size()));
      instance.setEndpointStatus(EndpointStatus.forNumber(1 + random.nextInt(4)));
    }
    version++;
    return update();
  }

  private WatchUpdate update() {
    MeshStatus.Builder status =
        MeshStatus.newBuilder()
            .setObservedAt(timestamp(now))
            .setXds(
                XdsStatus.newBuilder()
                    .setSnapshotVersion(Integer.toHexString(version))
                    .setPublishedAt(timestamp(now)));
    ScaleSet.Builder scaleSet =
        ScaleSet.newBuilder()
            .setName("backend")
            .setSourceKind("simulated")
            .setCapacity(instances.size())
            .setBounds(
                CapacityBounds.newBuilder().setMinimum(100).setMaximum(2_000).setDefault(1_000))
            .setAutoscale(
                AutoscalePolicy.newBuilder()
                    .setEnabled(true)
                    .setScaleOutCpuPercent(75)
                    .setScaleInCpuPercent(25));
    double requests = 0;
    double errors = 0;
    for (Instance.Builder instance : instances) {
      Traffic calls = calls(instance);
      requests += calls.getRequestsPerSecond();
      errors += calls.getErrorsPerSecond();
      scaleSet.addInstances(instance.setCpuPercent(random.nextDouble() * 100).setTraffic(calls));
    }
    status.addScaleSets(scaleSet.setTraffic(traffic(requests, errors)));
    for (int i = 0; i < proxies; i++) {
      status.addProxies(
          Proxy.newBuilder()
              .setNodeId("envoy-" + i)
              .setCluster("edge")
              .setInSync(random.nextInt(10) > 0)
              .setConnectedSince(timestamp(Instant.parse("2026-01-01T00:00:00Z")))
              .setTraffic(traffic(requests / proxies, errors / proxies)));
    }
    return WatchUpdate.newBuilder()
        .setIdentity("bench")
        .setMayScale(true)
        .setStatus(status)
        .addEvents(
            event(
                EventKind.EVENT_KIND_INSTANCE_ADDED,
                "backend_" + (nextIndex - 1) + " added, booting"))
        .addEvents(event(EventKind.EVENT_KIND_INSTANCE_REMOVED, "an instance removed"))
        .addEvents(event(EventKind.EVENT_KIND_SNAPSHOT_PUBLISHED, "published version " + version))
        .build();
  }

  /** An instance's calls this update: a rate that wobbles, and a fifth failing on one in 50. */
  private Traffic calls(Instance.Builder instance) {
    if (instance.getEndpointStatus() != EndpointStatus.ENDPOINT_STATUS_READY) {
      return Traffic.getDefaultInstance();
    }
    double requests = CALLS_PER_INSTANCE * (0.5 + random.nextDouble());
    boolean failing = Integer.parseInt(instance.getInstanceId()) % 50 == 7;
    return traffic(requests, failing ? requests / 5 : 0);
  }

  private Traffic traffic(double requestsPerSecond, double errorsPerSecond) {
    return Traffic.newBuilder()
        .setRequestsPerSecond(requestsPerSecond)
        .setErrorsPerSecond(errorsPerSecond)
        .setReportedAt(timestamp(now))
        .build();
  }

  private Instance.Builder newInstance(EndpointStatus status) {
    int index = nextIndex++;
    return Instance.newBuilder()
        .setName("backend_" + index)
        .setInstanceId(Integer.toString(index))
        .setPrivateIp("10.0." + index / 250 % 250 + "." + index % 250)
        .setPort(50051)
        .setZone(Integer.toString(1 + index % 3))
        .setProvisioningState("Succeeded")
        .setPowerState("running")
        .setHealthState("Healthy")
        .setEndpointStatus(status);
  }

  private Event event(EventKind kind, String message) {
    return Event.newBuilder()
        .setAt(timestamp(now))
        .setKind(kind)
        .setScaleSet("backend")
        .setMessage(message)
        .build();
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
