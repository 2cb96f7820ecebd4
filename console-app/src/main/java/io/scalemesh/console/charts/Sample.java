package io.scalemesh.console.charts;

import java.time.Instant;

/** One value of a time series, at a time on the control plane's clock. */
public record Sample(Instant at, double value) {}
