package io.scalemesh.benchmarks;

import java.util.List;

/** Nearest-rank percentiles of a small sample, in milliseconds. */
public record Percentiles(int count, double p50, double p99, double max) {

  public static Percentiles ofNanos(List<Long> samples) {
    double[] millis = samples.stream().mapToDouble(nanos -> nanos / 1e6).sorted().toArray();
    return new Percentiles(
        millis.length, rank(millis, 50), rank(millis, 99), millis[millis.length - 1]);
  }

  private static double rank(double[] sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)];
  }

  @Override
  public String toString() {
    return "n=%d  p50=%.1f ms  p99=%.1f ms  max=%.1f ms".formatted(count, p50, p99, max);
  }
}
