package io.scalemesh.console.mesh;

import java.time.Duration;

/** Spans of time the way the console writes them: "45 s", "3 min 20 s", "2 h 5 min". */
public final class Durations {
  private Durations() {}

  public static String humanize(Duration span) {
    long seconds = Math.max(0, span.toSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3_600) {
      return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
    return seconds / 3_600
        + " h"
        + (seconds % 3_600 / 60 == 0 ? "" : " " + seconds % 3_600 / 60 + " min");
  }
}
