package io.scalemesh.console.topology;

import io.scalemesh.console.mesh.CallErrors;
import java.util.List;
import java.util.Locale;

/**
 * How the topology shows calls: a node's rate and failing share as text, a style class for a share
 * worth attention (the same thresholds as the health badge's), and an edge as wide as the rate it
 * carries.
 */
final class CallsOverlay {
  static final String NOTICEABLE = "calls-noticeable";
  static final String SEVERE = "calls-severe";
  static final List<String> STYLE_CLASSES = List.of(NOTICEABLE, SEVERE);

  /** The widest edge, in pixels; the thinnest is 1. */
  private static final double WIDEST = 7;

  private CallsOverlay() {}

  /** "41.2 req/s · 2.0 %": the rate and the share that failed. */
  static String text(CallErrors calls) {
    return calls.describeRate() + " · " + calls.describeShare();
  }

  /** The style class of a node or an edge with this share of failing calls; empty for none. */
  static String styleClass(CallErrors calls) {
    return switch (calls.level()) {
      case NONE -> "";
      case NOTICEABLE -> NOTICEABLE;
      case SEVERE -> SEVERE;
    };
  }

  /**
   * An edge's width for its rate, against the largest rate among its like (the square root, so that
   * a tenth of the traffic still shows as a third of the width), in half pixels: a rate that
   * wobbles does not restyle the edge on every update.
   */
  static double edgeWidth(double rate, double largest) {
    if (largest <= 0 || rate <= 0) {
      return 1;
    }
    double width = 1 + (WIDEST - 1) * Math.sqrt(Math.min(1, rate / largest));
    return Math.round(width * 2) / 2.0;
  }

  /** "12.5/s": a rate short enough for an instance's cell. */
  static String shortRate(CallErrors calls) {
    double rate = calls.requestsPerSecond();
    return rate >= 1000
        ? String.format(Locale.ROOT, "%.1fk/s", rate / 1000)
        : String.format(Locale.ROOT, "%.1f/s", rate);
  }
}
