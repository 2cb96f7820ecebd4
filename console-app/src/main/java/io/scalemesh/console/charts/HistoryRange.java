package io.scalemesh.console.charts;

import java.time.Duration;

/** The spans of time the charts can show. */
public enum HistoryRange {
  LAST_5_MINUTES("Last 5 minutes", Duration.ofMinutes(5)),
  LAST_15_MINUTES("Last 15 minutes", Duration.ofMinutes(15)),
  LAST_HOUR("Last hour", Duration.ofHours(1));

  private final String label;
  private final Duration span;

  HistoryRange(String label, Duration span) {
    this.label = label;
    this.span = span;
  }

  public Duration span() {
    return span;
  }

  @Override
  public String toString() {
    return label;
  }
}
