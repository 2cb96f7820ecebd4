package io.scalemesh.console.events;

import io.scalemesh.model.console.v1.EventKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The kinds of events an operator can filter by, their names in words, and their severity. */
public final class EventKinds {
  private EventKinds() {}

  public static List<EventKind> filterable() {
    return Arrays.stream(EventKind.values())
        .filter(kind -> kind != EventKind.UNRECOGNIZED && kind != EventKind.EVENT_KIND_UNSPECIFIED)
        .toList();
  }

  public static String label(EventKind kind) {
    return switch (kind) {
      // The console's own lines (events it missed).
      case EVENT_KIND_UNSPECIFIED -> "console";
      // "guard hold" says which part of the control plane; an operator wants to know what is held.
      case EVENT_KIND_GUARD_HOLD -> "removal hold";
      // Its own words: "instance state changed" begins like "instance added" and was misread.
      case EVENT_KIND_INSTANCE_STATE_CHANGED -> "state change";
      default -> kind.name().replace("EVENT_KIND_", "").replace('_', ' ').toLowerCase(Locale.ROOT);
    };
  }

  public static EventSeverity severity(EventKind kind) {
    return switch (kind) {
      case EVENT_KIND_NACK, EVENT_KIND_DISCOVERY_ERROR, EVENT_KIND_INVALID_RESOURCES ->
          EventSeverity.ERROR;
      case EVENT_KIND_GUARD_HOLD, EVENT_KIND_UNSPECIFIED -> EventSeverity.WARNING;
      default -> EventSeverity.INFO;
    };
  }
}
