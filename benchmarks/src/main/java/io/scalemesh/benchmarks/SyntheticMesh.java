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
import io.scalemesh.model.console.v1.WatchUpdate;
import io.scalemesh.model.console.v1.XdsStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A busy mesh as the console API would report it: one scale set of about {@code size} instances
 * whose CPU figures all move every update, a few instances changing state, one leaving and one
 * arriving every update, 20 proxies, and a handful of events.
 */
final class SyntheticMesh {
  private static final int PROXIES = 20;
  private static final int STATE_CHANGES = 10;

  private final Random random = new Random(42);
  private final List<Instance.Builder> instances = new ArrayList<>();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private int nextIndex;
  private int version;

  SyntheticMesh(int size) {
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
    for (Instance.Builder instance : instances) {
      scaleSet.addInstances(instance.setCpuPercent(random.nextDouble() * 100));
    }
    status.addScaleSets(scaleSet);
    for (int i = 0; i < PROXIES; i++) {
      status.addProxies(
          Proxy.newBuilder()
              .setNodeId("envoy-" + i)
              .setCluster("edge")
              .setInSync(random.nextInt(10) > 0)
              .setConnectedSince(timestamp(Instant.parse("2026-01-01T00:00:00Z"))));
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
