package io.scalemesh.controlplane.events;

import java.time.Instant;
import java.util.Optional;

/**
 * Something an operator should know happened.
 *
 * @param service the service (scale set) it concerns, or empty for the mesh as a whole
 * @param report what proxies saw of a scale event, on {@link Kind#SCALE_EVENT_REPORT} only
 */
public record Event(
    Instant at, Kind kind, String service, String message, Optional<ScaleEventReport> report) {

  public Event(Instant at, Kind kind, String service, String message) {
    this(at, kind, service, message, Optional.empty());
  }

  public enum Kind {
    INSTANCE_ADDED,
    INSTANCE_STATE_CHANGED,
    INSTANCE_REMOVED,
    SCALE_ACTION,
    REMOVAL_HOLD,
    NACK,
    DISCOVERY_ERROR,
    SNAPSHOT_PUBLISHED,
    INVALID_RESOURCES,
    SCALE_EVENT_REPORT,
    CALL_FAILURES
  }
}
