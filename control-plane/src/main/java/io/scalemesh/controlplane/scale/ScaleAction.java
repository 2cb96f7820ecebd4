package io.scalemesh.controlplane.scale;

import java.time.Instant;

/** A capacity change that was made: when, by whom, from what to what, and why. */
public record ScaleAction(
    String scaleSet, Instant at, String actor, int fromCapacity, int toCapacity, String reason) {}
