package io.scalemesh.controlplane.traffic;

import java.time.Duration;

/**
 * Calls and errors per second, from reports that each cover a stretch of time. A report's calls are
 * spread evenly over the seconds it covers, and the rate is read over the interval that ended one
 * interval ago: by then every proxy has reported it, whatever the moment each reports at, so the
 * rate neither dips between reports nor doubles when two arrive close together. Calls in progress
 * are those of the reports of the last interval: about one per proxy, its latest, with nothing to
 * keep per proxy. Not thread-safe.
 */
final class RateWindow {
  private final int interval;
  private final double[] calls;
  private final double[] errors;
  private final long[] inProgress;

  /** The newest second (since the epoch) the buckets hold. */
  private long head = Long.MIN_VALUE;

  RateWindow(Duration interval) {
    this.interval = (int) Math.max(1, interval.toSeconds());
    // The interval read, the one after it, and up to three intervals a late report covers.
    int seconds = 5 * this.interval;
    calls = new double[seconds];
    errors = new double[seconds];
    inProgress = new long[seconds];
  }

  /**
   * @param second when the report arrived
   * @param covered how long before it the report covers; a longer stretch than three intervals (the
   *     first report after an outage) counts as three
   */
  void add(long second, Duration covered, long calls, long errors, long inProgress) {
    advance(second);
    this.inProgress[Math.floorMod(second, this.inProgress.length)] += inProgress;
    int spread = (int) Math.clamp(Math.round(covered.toMillis() / 1000.0), 1, 3L * interval);
    // Once per locality of every report: one pass, no division or modulo per bucket.
    double callsEach = (double) calls / spread;
    double errorsEach = (double) errors / spread;
    int bucket = Math.floorMod(second - spread + 1, this.calls.length);
    for (int i = 0; i < spread; i++) {
      this.calls[bucket] += callsEach;
      if (errors > 0) {
        this.errors[bucket] += errorsEach;
      }
      bucket = bucket + 1 == this.calls.length ? 0 : bucket + 1;
    }
  }

  double callsPerSecond(long now) {
    return rate(calls, now);
  }

  double errorsPerSecond(long now) {
    return rate(errors, now);
  }

  long inProgress(long now) {
    advance(now);
    long sum = 0;
    for (long s = now - interval + 1; s <= now; s++) {
      sum += inProgress[Math.floorMod(s, inProgress.length)];
    }
    return sum;
  }

  /** The buckets' sum over the interval that ended an interval before {@code now}, per second. */
  private double rate(double[] buckets, long now) {
    advance(now);
    double sum = 0;
    for (long s = now - 2L * interval + 1; s <= now - interval; s++) {
      sum += buckets[Math.floorMod(s, buckets.length)];
    }
    return sum / interval;
  }

  /** Empties the buckets the window moved past since the newest one. */
  private void advance(long second) {
    if (second <= head) {
      return;
    }
    long stale = head == Long.MIN_VALUE ? calls.length : Math.min(calls.length, second - head);
    for (long s = second - stale + 1; s <= second; s++) {
      int bucket = Math.floorMod(s, calls.length);
      calls[bucket] = 0;
      errors[bucket] = 0;
      inProgress[bucket] = 0;
    }
    head = second;
  }
}
