package io.scalemesh.controlplane.events;

import java.time.Instant;

/**
 * Something an operator should know happened.
 *
 * @param service the service (scale set) it concerns, or empty for the mesh as a whole
 */
public record Event(Instant at, Kind kind, String service, String message) {

  public enum Kind {
    INSTANCE_ADDED,
    INSTANCE_STATE_CHANGED,
    INSTANCE_REMOVED,
    SCALE_ACTION,
    REMOVAL_HOLD,
    NACK,
    DISCOVERY_ERROR,
    SNAPSHOT_PUBLISHED,
    INVALID_RESOURCES
  }
}
