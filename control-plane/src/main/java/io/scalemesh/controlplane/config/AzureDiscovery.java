package io.scalemesh.controlplane.config;

import java.time.Duration;

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
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is out of range (1-65535)");
    }
    return port;
  }

  static int checkedRefreshSeconds(Integer seconds) {
    int value = seconds == null ? 15 : seconds;
    if (value < 1) {
      throw new IllegalArgumentException("refresh_seconds must be 1 or more");
    }
    return value;
  }
}
