package io.scalemesh.controlplane.config;

final class Ports {
  private Ports() {}

  static void check(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is out of range (0-65535)");
    }
  }
}
