package io.scalemesh.controlplane.mesh;

/** Where an instance is in its life, as far as routing cares. */
public enum InstanceState {
  /** Exists but is not ready to serve yet: published, never routed to. */
  BOOTING,
  /** Ready: receives traffic. */
  READY,
  /** Being removed: finishes what it has, receives nothing new. */
  DRAINING,
  /** Exists but failed its health checks. */
  UNHEALTHY
}
