package io.scalemesh.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.ManualSource;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.fixtures.TestHttp;
import io.scalemesh.controlplane.mesh.Instance;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What load reporting costs the control plane: N streams, each reporting M instances' localities at
 * the interval the control plane gives (its default unless one is named), against a control plane
 * serving those M instances. Process CPU and heap after GC, first idle, then with the reporters;
 * the reporters share the JVM, so what they spend serialising (measured on its own) is shown
 * beside, and the control plane's share is the rest.
 *
 * <pre>./run bench lrs [streams=1000] [instances=1000] [seconds=60] [interval_seconds=default]
 * </pre>
 */
public final class LrsBenchmark {
  private static final String SERVICE = "backend";
  private static final Pattern COUNTED =
      Pattern.compile("scalemesh_load_reports_total\\{outcome=\"counted\"} (\\S+)");

  public static void main(String[] args) throws Exception {
    int streams = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    String interval = args.length > 3 ? "load_reports: {interval_seconds: " + args[3] + "}\n" : "";
    run(streams, instances, seconds, interval);
    System.exit(0);
  }

  private static void run(int streams, int instances, int seconds, String interval)
      throws Exception {
    Path dir = Files.createTempDirectory("scalemesh-bench-lrs");
    ManualSource source = new ManualSource(SERVICE);
    String yaml = interval + "services: [{name: backend, discovery: {kind: simulated}}]\n";
    try (ControlPlane plane =
        ControlPlane.startWith(
            TestConfigs.fromYaml(dir, yaml), List.of(source.capabilities()), Clock.systemUTC())) {
      List<Instance> fleet = Fleet.ready(instances);
      source.report(fleet);
      Thread.sleep(2_000);
      Measure idle = Measure.over(seconds);
      System.out.printf(
          "idle, %d instances published: %.1f%% of one core, heap after GC %d MB%n",
          instances, idle.cpuPercent(), idle.heapMb());

      try (LoadReporters reporters =
          new LoadReporters(
              plane.xdsPort(), streams, SERVICE, fleet.stream().map(Instance::name).toList())) {
        Thread.sleep(25_000); // every stream asked and reporting, the JIT warm
        long sentBefore = reporters.sent();
        double countedBefore = counted(plane);
        Measure reporting = Measure.over(seconds);
        long sent = reporters.sent() - sentBefore;
        double counted = counted(plane) - countedBefore;
        double clientPercent = 100.0 * reporters.serialisingCostNanos(sent) / 1e9 / seconds;
        System.out.printf(
            "%d streams reporting %d localities (%d bytes a report): %d reports in %d s (%.1f/s),"
                + " %.0f counted%n",
            streams,
            instances,
            reporters.reportBytes(),
            sent,
            seconds,
            sent / (double) seconds,
            counted);
        System.out.printf(
            "process CPU: %.1f%% of one core (idle: %.1f%%); the reporters' serialising alone:"
                + " %.1f%%; so load reporting costs the control plane about %.1f%% of one core%n",
            reporting.cpuPercent(),
            idle.cpuPercent(),
            clientPercent,
            reporting.cpuPercent() - idle.cpuPercent() - clientPercent);
        System.out.printf(
            "heap after GC: %d MB (idle: %d MB)%n", reporting.heapMb(), idle.heapMb());
      }
    }
  }

  private static double counted(ControlPlane plane) throws Exception {
    Matcher counted = COUNTED.matcher(TestHttp.metrics(plane));
    return counted.find() ? Double.parseDouble(counted.group(1)) : 0;
  }

  /** The process's CPU over some seconds, and its heap after a GC at the end. */
  private record Measure(double cpuPercent, long heapMb) {
    static Measure over(int seconds) throws InterruptedException {
      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu = os.getProcessCpuTime();
      long wall = System.nanoTime();
      Thread.sleep(seconds * 1_000L);
      double percent = 100.0 * (os.getProcessCpuTime() - cpu) / (System.nanoTime() - wall);
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      memory.gc();
      return new Measure(percent, memory.getHeapMemoryUsage().getUsed() >> 20);
    }
  }
}
