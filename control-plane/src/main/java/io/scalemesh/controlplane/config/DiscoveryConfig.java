package io.scalemesh.controlplane.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;

/** Where a service's instances come from; {@code kind} picks the source. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DiscoveryConfig.SimulatedDiscovery.class, name = DiscoveryConfig.SimulatedDiscovery.KIND),
    @JsonSubTypes.Type(value = DiscoveryConfig.AzureVmssDiscovery.class, name = DiscoveryConfig.AzureVmssDiscovery.KIND),
    @JsonSubTypes.Type(value = DiscoveryConfig.AzureVmTagsDiscovery.class, name = DiscoveryConfig.AzureVmTagsDiscovery.KIND),
    @JsonSubTypes.Type(value = DiscoveryConfig.ConsulDiscovery.class, name = DiscoveryConfig.ConsulDiscovery.KIND),
})
public sealed interface DiscoveryConfig {

  /** The name {@code kind} selects this source by. */
  String kind();

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

  /** What the Azure sources have in common: a backend port and a refresh period. */
  public sealed interface AzureDiscovery permits AzureVmssDiscovery, AzureVmTagsDiscovery {

    Integer port();

    /** How often the source lists its instances, in seconds. */
    Integer refreshSeconds();

    default Duration refresh() {
      return Duration.ofSeconds(refreshSeconds());
    }

    static void require(String key, String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(key + " is missing");
      }
    }

    static int port(Integer port) {
      if (port == null) {
        throw new IllegalArgumentException("port is missing: the port the backend listens on");
      }
      return Ports.toConnectTo(port);
    }

    static int checkedRefreshSeconds(Integer seconds) {
      int value = seconds == null ? 15 : seconds;
      if (value < 1) {
        throw new IllegalArgumentException("refresh_seconds must be 1 or more");
      }
      return value;
    }
  }

  /**
   * The instances of one Azure VM scale set, Uniform or Flexible.
   *
   * @param resourceGroup the scale set's resource group
   * @param scaleSet its name
   * @param port the port the backend listens on, on every instance
   * @param refreshSeconds how often it is listed (default 15); CPU is read once a minute
   */
  public record AzureVmssDiscovery(String resourceGroup, String scaleSet, Integer port, Integer refreshSeconds)
      implements DiscoveryConfig, AzureDiscovery {
    static final String KIND = "azure-vmss";

    public AzureVmssDiscovery {
      AzureDiscovery.require("resource_group", resourceGroup);
      AzureDiscovery.require("scale_set", scaleSet);
      port = AzureDiscovery.port(port);
      refreshSeconds = AzureDiscovery.checkedRefreshSeconds(refreshSeconds);
    }

    @Override
    public String kind() {
      return KIND;
    }
  }

  /**
   * Standalone Azure VMs that carry a tag, as one service.
   *
   * @param tag {@code key=value}
   * @param resourceGroup only VMs in this resource group (default: the whole subscription)
   * @param port the port the backend listens on, on every VM
   * @param refreshSeconds how often they are listed (default 15)
   */
  public record AzureVmTagsDiscovery(String tag, String resourceGroup, Integer port, Integer refreshSeconds)
      implements DiscoveryConfig, AzureDiscovery {
    static final String KIND = "azure-vm-tags";

    public AzureVmTagsDiscovery {
      AzureDiscovery.require("tag", tag);
      int equals = tag.indexOf('=');
      if (equals < 1 || equals == tag.length() - 1) {
        throw new IllegalArgumentException("tag '" + tag + "' must be key=value");
      }
      port = AzureDiscovery.port(port);
      refreshSeconds = AzureDiscovery.checkedRefreshSeconds(refreshSeconds);
    }

    public String tagKey() {
      return tag.substring(0, tag.indexOf('='));
    }

    public String tagValue() {
      return tag.substring(tag.indexOf('=') + 1);
    }

    @Override
    public String kind() {
      return KIND;
    }
  }

  /**
   * A service registered in Consul (how to reach Consul is the top-level {@code consul} section).
   *
   * @param service the Consul service name (default: the mesh service's name)
   * @param tag only instances registered with this tag (default: all)
   */
  public record ConsulDiscovery(String service, String tag) implements DiscoveryConfig {
    static final String KIND = "consul";

    public ConsulDiscovery {
      service = service == null || service.isBlank() ? null : service;
      tag = tag == null || tag.isBlank() ? null : tag;
    }

    @Override
    public String kind() {
      return KIND;
    }

    /** The Consul service name for the mesh service {@code meshName}. */
    public String serviceOr(String meshName) {
      return service == null ? meshName : service;
    }
  }
}
