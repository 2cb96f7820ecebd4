package io.scalemesh.benchmarks.processes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

/**
 * A control plane and a fleet of proxies, each in a process of its own, as the benchmarks of this
 * package start them; the control plane can be killed and started again on the same port.
 */
final class ProcessBench implements AutoCloseable {
  /** The bound for the control plane's heap; it runs with no more. */
  static final String CONTROL_PLANE_HEAP = "-Xmx1g";

  static final Duration PATIENCE = Duration.ofMinutes(5);

  private final int port;
  private final String maxInitialPushes;
  private JavaProcess controlPlane;
  private final JavaProcess proxies;

  /** Starts both, and waits until every proxy holds the first version. */
  ProcessBench(int streams, int instances, String maxInitialPushes)
      throws IOException, InterruptedException {
    this.port = freePort();
    this.maxInitialPushes = maxInitialPushes;
    startControlPlane(instances);
    this.proxies =
        JavaProcess.start(
            "proxies",
            List.of("-Xmx2g"),
            ProxyFleet.class,
            port,
            streams,
            ControlPlaneProcess.SERVICE);
    proxies.expect("ALL", PATIENCE);
  }

  /** Starts the control plane with this many instances; returns when its xDS server listened. */
  long startControlPlane(int instances) throws InterruptedException {
    controlPlane =
        JavaProcess.start(
            "control-plane",
            List.of(CONTROL_PLANE_HEAP),
            ControlPlaneProcess.class,
            port,
            instances,
            maxInitialPushes);
    long up = Long.parseLong(controlPlane.expect("UP", PATIENCE)[1]);
    controlPlane.expect("REPORTED", PATIENCE);
    return up;
  }

  void killControlPlane() throws InterruptedException {
    controlPlane.kill();
  }

  /** Reports this many instances; returns when (nanos). */
  long report(int instances) throws InterruptedException {
    controlPlane.send("report " + instances);
    return Long.parseLong(controlPlane.expect("REPORTED", PATIENCE)[1]);
  }

  /** The next version every proxy holds: version, last ACK, then first responses' waits. */
  AllAcked allAcked() throws InterruptedException {
    String[] all = proxies.expect("ALL", PATIENCE);
    return new AllAcked(
        all[1],
        Long.parseLong(all[2]),
        Integer.parseInt(all[3]),
        Long.parseLong(all[4]),
        Long.parseLong(all[5]),
        Long.parseLong(all[6]));
  }

  /** The control plane's CPU time (nanos), heap after a full GC and peak heap (bytes). */
  long[] controlPlaneStats() throws InterruptedException {
    controlPlane.send("stats");
    String[] stats = controlPlane.expect("STATS", PATIENCE);
    return new long[] {
      Long.parseLong(stats[1]), Long.parseLong(stats[2]), Long.parseLong(stats[3])
    };
  }

  /** The proxies' CPU time (nanos) and how many streams they opened again. */
  long[] proxyStats() throws InterruptedException {
    proxies.send("stats");
    String[] stats = proxies.expect("STATS", PATIENCE);
    return new long[] {Long.parseLong(stats[1]), Long.parseLong(stats[2])};
  }

  @Override
  public void close() throws InterruptedException {
    proxies.close();
    controlPlane.close();
  }

  /**
   * @param lastAckedAt when the last proxy ACKed it (nanos)
   * @param firstResponses how many proxies got it as their stream's first response
   * @param p50Wait from such a stream's first request to its ACK (nanos), likewise p99 and max
   */
  record AllAcked(
      String version,
      long lastAckedAt,
      int firstResponses,
      long p50Wait,
      long p99Wait,
      long maxWait) {}

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
