package io.scalemesh.controlplane.config;

/** The one check of a TCP port number, for the configuration and the command line alike. */
public final class Ports {
  private static final int HIGHEST = 65_535;

  private Ports() {}

  /** A port to listen on, where 0 asks the system for a free one. */
  public static int toListenOn(int port) {
    return inRange(port, 0);
  }

  /**
   * A port to connect to, where 0 would name none: a backend's, or the control plane's as Envoy
   * reaches it.
   */
  public static int toConnectTo(int port) {
    return inRange(port, 1);
  }

  private static int inRange(int port, int lowest) {
    if (port < lowest || port > HIGHEST) {
      throw new IllegalArgumentException(
          "port " + port + " is out of range (" + lowest + "-" + HIGHEST + ")");
    }
    return port;
  }
}
