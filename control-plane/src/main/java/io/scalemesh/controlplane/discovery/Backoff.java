package io.scalemesh.controlplane.discovery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a source waits after consecutive failed reads: 1 s doubling to 60 s, each wait moved by
 * up to a quarter either way so that sources failing together do not retry together, and never
 * beyond the 60 s cap (a jitter that stretched the cap would make "at most a minute" untrue). The
 * reader of Azure's change events waits as a source does.
 */
public final class Backoff {
  static final Duration FIRST = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofSeconds(60);
  static final double JITTER = 0.25;

  private Backoff() {}

  /** The wait after the {@code failures}-th failure in a row (1 for the first). */
  public static Duration after(int failures, RandomGenerator random) {
    double base =
        Math.min(MAX.toMillis(), FIRST.toMillis() * Math.pow(2, Math.min(failures - 1, 30)));
    double jittered = base * (1 + JITTER * (2 * random.nextDouble() - 1));
    return Duration.ofMillis(Math.round(Math.min(MAX.toMillis(), jittered)));
  }
}
