package io.scalemesh.benchmarks.processes;

import io.scalemesh.benchmarks.Percentiles;
import java.util.ArrayList;
import java.util.List;

/**
 * xDS at scale with the control plane measured alone: the control plane (heap at most 1 GB) and N
 * Envoy-like proxies ({@link ProxyFleet}, one connection each) run in processes of their own. Each
 * scale event adds an instance or takes it away again; the figure is the time from the report to
 * the last of the N proxies having ACKed the new version. Then the control plane's CPU over the
 * events, its heap after a full collection and its peak heap.
 *
 * <pre>
 * ./run bench ads-process [streams=5000] [instances=1000] [events=30] [warm_up_events=10] [max_initial_pushes_in_flight=0]
 * </pre>
 */
public final class AdsProcessBenchmark {
  private AdsProcessBenchmark() {}

  public static void main(String[] args) throws Exception {
    int streams = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int events = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    String maxInitialPushes = args.length > 4 ? args[4] : "0";
    long startedAt = System.nanoTime();
    try (ProcessBench bench = new ProcessBench(streams, instances, maxInitialPushes)) {
      System.out.printf(
          "%d proxies (a connection each, own process) hold the first version of %d instances after"
              + " %.1f s%n",
          streams, instances, (System.nanoTime() - startedAt) / 1e9);
      List<Long> warmUpTimes = scaleEvents(bench, instances, 0, warmUp);
      long[] before = bench.controlPlaneStats();
      long[] proxiesBefore = bench.proxyStats();
      long wallBefore = System.nanoTime();
      List<Long> toAllAcked = scaleEvents(bench, instances, warmUp, events);
      double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;
      long[] after = bench.controlPlaneStats();
      long[] proxiesAfter = bench.proxyStats();
      if (!warmUpTimes.isEmpty()) {
        System.out.printf(
            "warm-up (JIT compiling), not counted: %s%n", Percentiles.ofNanos(warmUpTimes));
      }
      System.out.printf(
          "scale event -> all %d proxies ACKed: %s%n", streams, Percentiles.ofNanos(toAllAcked));
      double cpuSeconds = (after[0] - before[0]) / 1e9;
      System.out.printf(
          "control plane CPU during the events: %.1f s over %.1f s (%.0f%% of one core);"
              + " proxies' process: %.1f s%n",
          cpuSeconds,
          wallSeconds,
          100 * cpuSeconds / wallSeconds,
          (proxiesAfter[0] - proxiesBefore[0]) / 1e9);
      System.out.printf(
          "control plane heap after GC: %d MB; peak (sum of the heap pools' peaks): %d MB; max"
              + " %s%n",
          after[1] >> 20, after[2] >> 20, ProcessBench.CONTROL_PLANE_HEAP);
      System.out.printf("streams opened again: %d%n", proxiesAfter[1]);
    }
    System.exit(0);
  }

  /**
   * Scale events {@code first} to {@code first + count - 1}: the even ones one instance out, the
   * odd ones back in, each timed to the last proxy's ACK.
   */
  private static List<Long> scaleEvents(ProcessBench bench, int instances, int first, int count)
      throws InterruptedException {
    List<Long> toAllAcked = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      long reportedAt = bench.report(instances + (i % 2 == 0 ? 1 : 0));
      toAllAcked.add(bench.allAcked().lastAckedAt() - reportedAt);
      Thread.sleep(200);
    }
    return toAllAcked;
  }
}
