package io.scalemesh.console;

import com.google.protobuf.Timestamp;
import io.scalemesh.model.console.v1.AutoscalePolicy;
import io.scalemesh.model.console.v1.CapacityBounds;
import io.scalemesh.model.console.v1.EndpointStatus;
import io.scalemesh.model.console.v1.Event;
import io.scalemesh.model.console.v1.EventKind;
import io.scalemesh.model.console.v1.Instance;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.ScaleSet;
import io.scalemesh.model.console.v1.WatchUpdate;
import io.scalemesh.model.console.v1.XdsStatus;
import java.time.Instant;
import java.util.List;

/** Status messages as the control plane sends them, for view-model tests. */
public final class Statuses {
  public static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

  private Statuses() {}

  public static Timestamp at(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  public static Instance instance(String name, EndpointStatus status, double cpu) {
    return Instance.newBuilder()
        .setName(name)
        .setInstanceId(name.replaceAll("\\D", ""))
        .setPrivateIp("10.0.0." + name.hashCode() % 200)
        .setPort(9000)
        .setZone("1")
        .setEndpointStatus(status)
        .setCpuPercent(cpu)
        .build();
  }

  public static Instance ready(String name, double cpu) {
    return instance(name, EndpointStatus.ENDPOINT_STATUS_READY, cpu);
  }

  /** A scale set "backend" with bounds 2..8 and thresholds 75 / 25. */
  public static ScaleSet.Builder backend(int capacity, Instance... instances) {
    return ScaleSet.newBuilder()
        .setName("backend")
        .setSourceKind("simulated")
        .setCapacity(capacity)
        .setBounds(CapacityBounds.newBuilder().setMinimum(2).setMaximum(8).setDefault(2))
        .setAutoscale(
            AutoscalePolicy.newBuilder()
                .setEnabled(true)
                .setScaleOutCpuPercent(75)
                .setScaleInCpuPercent(25))
        .addAllInstances(List.of(instances));
  }

  public static MeshStatus status(Instant observed, ScaleSet.Builder... scaleSets) {
    MeshStatus.Builder status =
        MeshStatus.newBuilder()
            .setObservedAt(at(observed))
            .setXds(
                XdsStatus.newBuilder()
                    .setSnapshotVersion("v1")
                    .setPublishedAt(at(observed.minusSeconds(30))));
    for (ScaleSet.Builder scaleSet : scaleSets) {
      status.addScaleSets(scaleSet);
    }
    return status.build();
  }

  public static WatchUpdate update(MeshStatus status, Event... events) {
    return WatchUpdate.newBuilder()
        .setIdentity("ops")
        .setMayScale(true)
        .setStatus(status)
        .addAllEvents(List.of(events))
        .build();
  }

  public static Event event(Instant at, EventKind kind, String message) {
    return Event.newBuilder()
        .setAt(at(at))
        .setKind(kind)
        .setScaleSet("backend")
        .setMessage(message)
        .build();
  }
}
