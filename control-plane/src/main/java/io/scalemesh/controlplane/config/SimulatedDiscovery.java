package io.scalemesh.controlplane.config;

import java.time.Duration;

/**
 * A scale set simulated on this machine: each instance a gRPC server on its own loopback port.
 *
 * @param capacity instances at start (default 3)
 * @param bootSeconds how long a new instance is not ready (default 3)
 * @param drainSeconds how long a removed instance drains before it stops (default 3)
 * @param address the address instances listen on (default 127.0.0.1)
 * @param cpuCapacity calls per second that keep one instance at 100% CPU (default 100)
 */
public record SimulatedDiscovery(Integer capacity, Double bootSeconds, Double drainSeconds, String address,
    Double cpuCapacity) implements DiscoveryConfig {
  static final String KIND = "simulated";

  public SimulatedDiscovery {
    capacity = capacity == null ? 3 : capacity;
    bootSeconds = bootSeconds == null ? 3.0 : bootSeconds;
    drainSeconds = drainSeconds == null ? 3.0 : drainSeconds;
    address = address == null ? "127.0.0.1" : address;
    cpuCapacity = cpuCapacity == null ? 100.0 : cpuCapacity;
    if (cpuCapacity <= 0) {
      throw new IllegalArgumentException("cpu_capacity must be positive");
    }
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity " + capacity + " must be 0 or more");
    }
    if (bootSeconds < 0 || drainSeconds < 0) {
      throw new IllegalArgumentException("boot_seconds and drain_seconds must be 0 or more");
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  public Duration bootTime() {
    return Duration.ofMillis(Math.round(bootSeconds * 1000));
  }

  public Duration drainTime() {
    return Duration.ofMillis(Math.round(drainSeconds * 1000));
  }
}
