package io.scalemesh.console.charts;

import java.time.Duration;

/** The spans of time the charts can show, each with a tick spacing that falls on whole minutes. */
public enum HistoryRange {
  LAST_5_MINUTES("Last 5 minutes", Duration.ofMinutes(5), 1),
  LAST_15_MINUTES("Last 15 minutes", Duration.ofMinutes(15), 3),
  LAST_HOUR("Last hour", Duration.ofHours(1), 10);

  private final String label;
  private final Duration span;
  private final double tickMinutes;

  HistoryRange(String label, Duration span, double tickMinutes) {
    this.label = label;
    this.span = span;
    this.tickMinutes = tickMinutes;
  }

  public Duration span() {
    return span;
  }

  /** The span in minutes, as the time axis counts it (negative: before the newest status). */
  public double fromMinutes() {
    return -span.toSeconds() / 60.0;
  }

  /** The time axis' tick spacing: whole minutes, so that labels read -5, -4, ... not -4.167. */
  public double tickMinutes() {
    return tickMinutes;
  }

  @Override
  public String toString() {
    return label;
  }
}
