package io.scalemesh.controlplane.discovery;

import dev.failsafe.RetryPolicyBuilder;
import dev.failsafe.RetryPolicy;
import java.time.Duration;

/** How every source waits after a failed refresh: backing off from 1 s to a minute, with jitter, forever. */
public final class RefreshRetry {
  private static final Duration FIRST = Duration.ofSeconds(1);
  private static final Duration MAX = Duration.ofSeconds(60);
  /** Each wait is moved by up to this share either way, so that sources failing together do not retry together. */
  public static final double JITTER = 0.25;

  private RefreshRetry() {}

  /** Retries of whatever {@code failures} are; the caller adds what to do on each failed attempt. */
  public static <T> RetryPolicyBuilder<T> backoff(Class<? extends Exception> failures) {
    return RetryPolicy.<T>builder()
        .handle(failures)
        .withBackoff(FIRST, MAX)
        .withJitter(JITTER)
        .withMaxRetries(-1);
  }
}
