package io.scalemesh.controlplane.discovery.consul;

/**
 * The index of the next blocking query, by the rules Consul documents for blocking clients
 * (developer.hashicorp.com/consul/api-docs/features/blocking, "Implementation details").
 */
final class BlockingIndex {
  /** The index of a query that returns at once with the current state. */
  static final long FRESH = 0;

  private BlockingIndex() {}

  /**
   * What to send after a query sent with {@code sent} answered with X-Consul-Index {@code
   * returned}.
   */
  static long next(long sent, long returned) {
    if (returned < 1) {
      // A Consul bug, and sending it back would make every query return at once; 1 is always safe
      // to wait on.
      return 1;
    }
    if (returned < sent) {
      // Indexes can go backwards (a snapshot restore, a new leader's state): waiting for an index
      // that may never come back would block forever, so start over with a fresh query.
      return FRESH;
    }
    return returned;
  }
}
