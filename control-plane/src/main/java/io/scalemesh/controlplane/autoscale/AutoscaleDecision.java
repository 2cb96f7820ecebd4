package io.scalemesh.controlplane.autoscale;

import java.time.Duration;

/** Change capacity to {@code capacity}, for this reason, then wait {@code cooldown}. */
public record AutoscaleDecision(int capacity, String reason, Duration cooldown) {}
