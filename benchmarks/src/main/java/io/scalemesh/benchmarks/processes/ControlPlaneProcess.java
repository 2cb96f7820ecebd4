package io.scalemesh.benchmarks.processes;

import io.scalemesh.benchmarks.Fleet;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.ManualSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.util.Map;

/**
 * The control plane's process in a benchmark: one service whose instances the benchmark sets on
 * stdin ({@code report N}), served over xDS on a fixed port, so that a restarted one is found where
 * the proxies left it. {@code stats} answers with the process's CPU time, its heap after a full
 * collection and the heap's peak. It stops when its stdin closes, or is killed.
 *
 * <pre>
 * java ... ControlPlaneProcess PORT INSTANCES MAX_INITIAL_PUSHES_IN_FLIGHT
 * </pre>
 */
public final class ControlPlaneProcess {
  static final String SERVICE = "backend";

  private ControlPlaneProcess() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int instances = Integer.parseInt(args[1]);
    String maxInitialPushes = args[2];
    ManualSource source = new ManualSource(SERVICE);
    ControlPlane plane =
        source.plane(
            Files.createTempDirectory("scalemesh-bench-process"),
            Map.of(
                "xds.port",
                Integer.toString(port),
                "xds.max_initial_pushes_in_flight",
                maxInitialPushes));
    Protocol.say("UP", System.nanoTime());
    report(source, instances);
    for (String line = Protocol.readLine(); line != null; line = Protocol.readLine()) {
      if (line.startsWith("report ")) {
        report(source, Integer.parseInt(line.substring("report ".length())));
      } else if (line.equals("stats")) {
        ManagementFactory.getMemoryMXBean().gc();
        Protocol.say(
            "STATS",
            Protocol.processCpuNanos(),
            ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
            ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(usage -> usage.getUsed())
                .sum());
      }
    }
    plane.close();
    Runtime.getRuntime().halt(0);
  }

  /** Reports the fleet, and when, so that the benchmark can time what follows from it. */
  private static void report(ManualSource source, int instances) {
    var fleet = Fleet.ready(instances);
    long at = System.nanoTime();
    source.report(fleet);
    Protocol.say("REPORTED", at);
  }
}
