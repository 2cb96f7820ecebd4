package io.scalemesh.console.mesh;

import io.scalemesh.model.console.v1.Traffic;
import java.util.Locale;

/**
 * The share of calls that fail, as the proxies report them, and how bad that share is. The health
 * badge and the topology judge with the same thresholds, so that a service the badge names is the
 * one the topology colours.
 *
 * @param requestsPerSecond calls finished per second (succeeded or failed)
 * @param errorsPerSecond of those, the ones that failed
 */
public record CallErrors(double requestsPerSecond, double errorsPerSecond) {
  /**
   * Above 1 % a service spends a 99.9 % availability objective's monthly error budget in about
   * three days: worth an operator's attention, though routing works.
   */
  public static final double NOTICEABLE_SHARE = 0.01;

  /** Above 10 %, one call in ten fails: users see it, whatever the cause. */
  public static final double SEVERE_SHARE = 0.10;

  /**
   * Below one call a second a share is a handful of calls (two failures of ten say little), so it
   * judges nothing.
   */
  public static final double JUDGED_FROM_RATE = 1.0;

  public enum Level {
    /** Too few calls to judge, or few enough failing. */
    NONE,
    NOTICEABLE,
    SEVERE
  }

  public static CallErrors of(Traffic traffic) {
    return new CallErrors(traffic.getRequestsPerSecond(), traffic.getErrorsPerSecond());
  }

  /** From 0 to 1; 0 without calls. */
  public double share() {
    return requestsPerSecond > 0 ? Math.min(1, errorsPerSecond / requestsPerSecond) : 0;
  }

  public Level level() {
    if (requestsPerSecond < JUDGED_FROM_RATE) {
      return Level.NONE;
    }
    double share = share();
    return share > SEVERE_SHARE
        ? Level.SEVERE
        : share > NOTICEABLE_SHARE ? Level.NOTICEABLE : Level.NONE;
  }

  /** "12 %", "2.5 %", "0.0 %": one decimal below 10 %. */
  public String describeShare() {
    double percent = share() * 100;
    return String.format(Locale.ROOT, percent < 10 ? "%.1f %%" : "%.0f %%", percent);
  }

  /** "42.0 req/s", "0.3 req/s", "1.2k req/s": short enough for a node's label. */
  public String describeRate() {
    return requestsPerSecond >= 1000
        ? String.format(Locale.ROOT, "%.1fk req/s", requestsPerSecond / 1000)
        : String.format(Locale.ROOT, "%.1f req/s", requestsPerSecond);
  }
}
