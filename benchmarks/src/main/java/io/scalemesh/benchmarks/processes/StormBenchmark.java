package io.scalemesh.benchmarks.processes;

/**
 * A reconnect storm: the control plane's process is killed (SIGKILL) under N connected Envoy-like
 * proxies and started again, and while it was down the scale set changed, so every proxy must be
 * sent the new endpoints. The proxies retry with Envoy's jittered backoff, carrying the version
 * they hold. Figures per restart: from the new process's start (and from its xDS server listening)
 * to the last proxy in sync; per proxy, from its stream's first request to its ACK (the time it
 * waited to be served, admission queue included); the control plane's CPU and heap.
 *
 * <pre>
 * ./run bench storm [streams=5000] [instances=1000] [restarts=3] [max_initial_pushes_in_flight=0] [down_seconds=1]
 * </pre>
 */
public final class StormBenchmark {
  private StormBenchmark() {}

  public static void main(String[] args) throws Exception {
    int streams = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int restarts = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String maxInitialPushes = args.length > 3 ? args[3] : "0";
    double downSeconds = args.length > 4 ? Double.parseDouble(args[4]) : 1;
    try (ProcessBench bench = new ProcessBench(streams, instances, maxInitialPushes)) {
      System.out.printf(
          "%d proxies hold the first version; max_initial_pushes_in_flight %s%n",
          streams, maxInitialPushes);
      for (int restart = 1; restart <= restarts; restart++) {
        bench.killControlPlane();
        Thread.sleep((long) (downSeconds * 1000));
        long startedAt = System.nanoTime();
        long up = bench.startControlPlane(instances + restart % 2);
        ProcessBench.AllAcked all = bench.allAcked();
        long[] stats = bench.controlPlaneStats();
        System.out.printf(
            "restart %d: start -> all %d in sync %.2f s (listening -> all %.2f s); per proxy, first"
                + " request -> in sync: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d proxies);"
                + " control plane CPU since start %.1f s, heap after GC %d MB, peak %d MB%n",
            restart,
            streams,
            (all.lastAckedAt() - startedAt) / 1e9,
            (all.lastAckedAt() - up) / 1e9,
            all.p50Wait() / 1e6,
            all.p99Wait() / 1e6,
            all.maxWait() / 1e6,
            all.firstResponses(),
            stats[0] / 1e9,
            stats[1] >> 20,
            stats[2] >> 20);
      }
      System.out.printf("streams opened again: %d%n", bench.proxyStats()[1]);
    }
    System.exit(0);
  }
}
