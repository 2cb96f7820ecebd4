package io.scalemesh.controlplane.traffic;

/** A load report that cannot be true; none of it is counted. */
public final class BadLoadReportException extends Exception {
  /** For the metric of rejected reports: unknown_cluster, count, too_large. */
  private final String reason;

  BadLoadReportException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
