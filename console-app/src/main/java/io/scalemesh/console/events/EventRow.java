package io.scalemesh.console.events;

import io.scalemesh.console.mesh.Timestamps;
import io.scalemesh.model.console.v1.Event;
import io.scalemesh.model.console.v1.EventKind;
import java.time.Instant;

/** One line of the event log. */
public record EventRow(Instant at, EventKind kind, String scaleSet, String message) {

  static EventRow of(Event event) {
    return new EventRow(
        Timestamps.toInstant(event.getAt()),
        event.getKind(),
        event.getScaleSet(),
        event.getMessage());
  }

  /** "scale action" for EVENT_KIND_SCALE_ACTION. */
  public String kindLabel() {
    return EventKinds.label(kind);
  }

  public EventSeverity severity() {
    return EventKinds.severity(kind);
  }
}
