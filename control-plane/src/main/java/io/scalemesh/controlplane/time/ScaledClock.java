package io.scalemesh.controlplane.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs {@code scale} times faster than real time from the moment it is made, so that
 * the demo plays a 5-minute autoscale window in seconds. At scale 1 it is the real clock.
 * Schedulers wait real time; {@link #realDuration} says how long a simulated span takes.
 */
public final class ScaledClock extends Clock {
  private final Clock base;
  private final double scale;
  private final Instant origin;
  private final long originNanos;

  public ScaledClock(Clock base, double scale) {
    if (scale < 1) {
      throw new IllegalArgumentException("a clock cannot run slower than real time: " + scale);
    }
    this.base = base;
    this.scale = scale;
    this.origin = base.instant();
    this.originNanos = System.nanoTime();
  }

  public static ScaledClock real() {
    return new ScaledClock(Clock.systemUTC(), 1);
  }

  /** The real clock this one runs faster than. */
  public Clock base() {
    return base;
  }

  public double scale() {
    return scale;
  }

  /** How much real time a span of this clock's time takes. */
  public Duration realDuration(Duration simulated) {
    return Duration.ofNanos(Math.max(1, Math.round(simulated.toNanos() / scale)));
  }

  /**
   * This clock's time when the real clock read {@code real}: what was stamped on the real clock
   * (load reports count real calls per real second) placed on this one's time line.
   */
  public Instant fromReal(Instant real) {
    if (scale == 1) {
      return real;
    }
    return origin.plusNanos(Math.round(Duration.between(origin, real).toNanos() * scale));
  }

  @Override
  public Instant instant() {
    if (scale == 1) {
      return base.instant();
    }
    return origin.plusNanos(Math.round((System.nanoTime() - originNanos) * scale));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("Scalemesh keeps time in UTC");
  }
}
