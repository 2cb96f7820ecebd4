package io.scalemesh.benchmarks;

import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import java.util.ArrayList;
import java.util.List;

/** Fleets of instances for the benchmarks. */
public final class Fleet {
  private Fleet() {}

  /** {@code count} ready instances vm-0..vm-(count-1), spread over three zones. */
  public static List<Instance> ready(int count) {

    List<Instance> instances = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      instances.add(
          new Instance(
              "vm-" + i,
              Integer.toString(i),
              "10.%d.%d.%d".formatted(i >> 16 & 255, i >> 8 & 255, i & 255),
              "",
              8080,
              Integer.toString(i % 3 + 1),
              InstanceState.READY,
              "Succeeded",
              "running",
              "Healthy"));
    }
    return instances;
  }
}
