package io.scalemesh.controlplane.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Where a service's instances come from; {@code kind} picks the source. What a discovery leaves out
 * comes from the {@code every_discovery} entry of its kind in defaults.yaml. How to reach Azure and
 * Consul is shared by their services: {@link AzureConfig}, {@link ConsulConfig}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = DiscoveryConfig.SimulatedDiscovery.class, name = "simulated"),
  @JsonSubTypes.Type(value = DiscoveryConfig.AzureVmssDiscovery.class, name = "azure-vmss"),
  @JsonSubTypes.Type(value = DiscoveryConfig.AzureVmTagsDiscovery.class, name = "azure-vm-tags"),
  @JsonSubTypes.Type(value = DiscoveryConfig.ConsulDiscovery.class, name = "consul"),
})
public sealed interface DiscoveryConfig {

  /** The name {@code kind} selects this source by, as the annotation above gives it. */
  default String kind() {
    return Arrays.stream(DiscoveryConfig.class.getAnnotation(JsonSubTypes.class).value())
        .filter(type -> type.value() == getClass())
        .findFirst()
        .orElseThrow()
        .name();
  }

  /**
   * A scale set simulated on this machine: each instance a gRPC server on its own loopback port.
   *
   * @param capacity instances at start
   * @param bootSeconds how long a new instance is not ready
   * @param drainSeconds how long a removed instance drains before it stops
   * @param address the address instances listen on
   * @param cpuCapacity calls per second that keep one instance at 100% CPU
   * @param failCalls the share of its calls an instance fails (by instance name, e.g. backend_2),
   *     so a demo can show errors
   */
  record SimulatedDiscovery(
      int capacity,
      double bootSeconds,
      double drainSeconds,
      String address,
      double cpuCapacity,
      Map<String, Double> failCalls)
      implements DiscoveryConfig {
    public SimulatedDiscovery {
      failCalls = Map.copyOf(failCalls);
      failCalls.forEach(
          (instance, share) -> {
            if (share == null || !(share >= 0 && share <= 1)) {
              throw new IllegalArgumentException(
                  "fail_calls of " + instance + " must be a share from 0 to 1");
            }
          });
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

    public Duration bootTime() {
      return Duration.ofMillis(Math.round(bootSeconds * 1000));
    }

    public Duration drainTime() {
      return Duration.ofMillis(Math.round(drainSeconds * 1000));
    }
  }

  /** What the Azure sources have in common: a backend port and a refresh period. */
  sealed interface AzureDiscovery extends DiscoveryConfig {

    /** The port the backend listens on, on every VM. */
    Integer port();

    /** How often the source lists its instances, in seconds; CPU is read once a minute. */
    int refreshSeconds();

    default Duration refresh() {
      return Duration.ofSeconds(refreshSeconds());
    }

    private static void require(String key, String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(key + " is missing");
      }
    }

    private static void check(Integer port, int refreshSeconds) {
      if (port == null) {
        throw new IllegalArgumentException("port is missing: the port the backend listens on");
      }
      Ports.toConnectTo(port);
      if (refreshSeconds < 1) {
        throw new IllegalArgumentException("refresh_seconds must be 1 or more");
      }
    }
  }

  /**
   * The instances of one Azure VM scale set, Uniform or Flexible.
   *
   * @param resourceGroup the scale set's resource group
   * @param scaleSet its name
   * @param refreshSeconds how often it is read at rest
   * @param transitionRefreshSeconds how often it is read while it changes (updating, instances
   *     being created or deleted or not yet healthy), unless Azure's call budget runs low; none
   *     given: {@link #DEFAULT_TRANSITION_REFRESH_SECONDS}, or refresh_seconds if that is less
   */
  record AzureVmssDiscovery(
      String resourceGroup,
      String scaleSet,
      Integer port,
      int refreshSeconds,
      Integer transitionRefreshSeconds)
      implements AzureDiscovery {
    public static final int DEFAULT_TRANSITION_REFRESH_SECONDS = 2;

    public AzureVmssDiscovery {
      AzureDiscovery.require("resource_group", resourceGroup);
      AzureDiscovery.require("scale_set", scaleSet);
      AzureDiscovery.check(port, refreshSeconds);
      if (transitionRefreshSeconds == null) {
        transitionRefreshSeconds = Math.min(DEFAULT_TRANSITION_REFRESH_SECONDS, refreshSeconds);
      }
      if (transitionRefreshSeconds < 1 || transitionRefreshSeconds > refreshSeconds) {
        throw new IllegalArgumentException(
            "transition_refresh_seconds must be 1 or more and at most refresh_seconds ("
                + refreshSeconds
                + "), got "
                + transitionRefreshSeconds);
      }
    }

    public Duration transitionRefresh() {
      return Duration.ofSeconds(transitionRefreshSeconds);
    }
  }

  /**
   * Standalone Azure VMs that carry a tag, as one service.
   *
   * @param tag {@code key=value}
   * @param resourceGroup only VMs in this resource group (none given: the whole subscription)
   */
  record AzureVmTagsDiscovery(String tag, String resourceGroup, Integer port, int refreshSeconds)
      implements AzureDiscovery {
    public AzureVmTagsDiscovery {
      AzureDiscovery.require("tag", tag);
      int equals = tag.indexOf('=');
      if (equals < 1 || equals == tag.length() - 1) {
        throw new IllegalArgumentException("tag '" + tag + "' must be key=value");
      }
      AzureDiscovery.check(port, refreshSeconds);
    }

    public String tagKey() {
      return tag.substring(0, tag.indexOf('='));
    }

    public String tagValue() {
      return tag.substring(tag.indexOf('=') + 1);
    }
  }

  /**
   * A service registered in Consul (how to reach Consul is the top-level {@code consul} section).
   *
   * @param service the Consul service name (none given: the mesh service's name)
   * @param tag only instances registered with this tag (none given: all)
   */
  record ConsulDiscovery(String service, String tag) implements DiscoveryConfig {
    public ConsulDiscovery {
      service = service == null || service.isBlank() ? null : service;
      tag = tag == null || tag.isBlank() ? null : tag;
    }

    /** The Consul service name for the mesh service {@code meshName}. */
    public String serviceOr(String meshName) {
      return service == null ? meshName : service;
    }
  }
}
