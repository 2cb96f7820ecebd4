package io.scalemesh.controlplane.scale;

import java.util.List;

/** How a capacity change ended. */
public sealed interface ScaleOutcome {

  /** The change was asked of the scale set. */
  record Accepted(int previousCapacity, int newCapacity, List<String> warnings)
      implements ScaleOutcome {
    public Accepted {
      warnings = List.copyOf(warnings);
    }
  }

  /** Nothing changed, for this reason. */
  record Rejected(Reason reason, String message) implements ScaleOutcome {}

  enum Reason {
    /** Not signed in with a known token. */
    UNAUTHENTICATED,
    /** Signed in, but not as an operator. */
    NOT_AN_OPERATOR,
    /** The request makes no sense (no such scale set, a zero step, a negative capacity). */
    INVALID,
    /** The result would be outside the scale set's minimum and maximum. */
    OUT_OF_BOUNDS,
    /** The cloud refused or could not be reached. */
    UNAVAILABLE
  }
}
