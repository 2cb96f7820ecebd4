package io.scalemesh.console.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: attempt 1 waits {@code initial}, each further attempt {@code
 * multiplier} times longer, never more than {@code max}. Jitter spreads many consoles reconnecting
 * to a restarted control plane over time instead of arriving all at once.
 *
 * @param jitter a source of values in [0, 1); the delay varies by up to ±{@code spread} of itself
 */
public record Backoff(
    Duration initial, Duration max, double multiplier, double spread, DoubleSupplier jitter) {

  /** The console's: 0.5 s, 1 s, 2 s, 4 s, then every 5 s, each ±20%. */
  public static Backoff standard() {
    return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), 2, 0.2, Math::random);
  }

  public Duration delay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1: " + attempt);
    }
    double base = Math.min(max.toMillis(), initial.toMillis() * Math.pow(multiplier, attempt - 1));
    double factor = 1 + spread * (2 * jitter.getAsDouble() - 1);
    return Duration.ofMillis(Math.round(base * factor));
  }
}
