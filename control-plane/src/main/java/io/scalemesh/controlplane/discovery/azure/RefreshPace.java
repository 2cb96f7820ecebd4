package io.scalemesh.controlplane.discovery.azure;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

/**
 * How soon a scale set is read again: at the fast period while it changes, so that a scale event is
 * published in seconds; at the rest period otherwise. Before Azure would throttle, it slows down on
 * what the answers say is left of the call budgets: below {@link #LOW} no faster than at rest,
 * below {@link #SCARCE} four times slower than at rest, so that the budget refills rather than
 * reaching 0 (a 429 would stop discovery for the Retry-After, minutes at times).
 */
final class RefreshPace {
  /** Calls left of a budget below which the scale set is read no faster than at rest. */
  static final int LOW = 20;

  /** Calls left below which reads slow further, to let the budget refill. */
  static final int SCARCE = 5;

  private final Duration atRest;
  private final Duration inTransition;
  private final BooleanSupplier changing;
  private final RateLimits limits;

  RefreshPace(Duration atRest, Duration inTransition, BooleanSupplier changing, RateLimits limits) {
    this.atRest = atRest;
    this.inTransition = inTransition;
    this.changing = changing;
    this.limits = limits;
  }

  Duration next() {
    OptionalInt left = limits.lowest();
    if (left.isPresent() && left.getAsInt() < SCARCE) {
      return atRest.multipliedBy(4);
    }
    if (left.isPresent() && left.getAsInt() < LOW) {
      return atRest;
    }
    return changing.getAsBoolean() ? inTransition : atRest;
  }
}
