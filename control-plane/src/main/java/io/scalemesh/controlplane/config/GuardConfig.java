package io.scalemesh.controlplane.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * When a refresh is too big a removal to publish at once.
 *
 * @param maxRemovalShare the share of a scale set's routable instances that may vanish in one
 *     refresh; instances drained first (DRAINING, then gone) never count
 * @param holdMinutes how long a larger removal is held before it is published anyway, if it
 *     persists; 0: until an operator releases it
 * @param lastPublishedFile where the instances last published are kept, so that the first discovery
 *     after a restart is held against them; without it, a restart publishes discovery as it is
 */
public record GuardConfig(double maxRemovalShare, int holdMinutes, Path lastPublishedFile) {

  public GuardConfig {
    if (maxRemovalShare <= 0 || maxRemovalShare > 1) {
      throw new IllegalArgumentException(
          "max_removal_share " + maxRemovalShare + " must be above 0 and at most 1");
    }
    if (holdMinutes < 0) {
      throw new IllegalArgumentException("hold_minutes must be 0 (until released) or more");
    }
  }

  public Duration holdFor() {
    return Duration.ofMinutes(holdMinutes);
  }

  /** How old a last published file may be and still count: no older than a hold lasts. */
  public Duration rememberFor() {
    return holdMinutes == 0 ? ChronoUnit.FOREVER.getDuration() : holdFor();
  }
}
