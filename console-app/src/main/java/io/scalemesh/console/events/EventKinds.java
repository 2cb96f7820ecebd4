package io.scalemesh.console.events;

import io.scalemesh.model.console.v1.EventKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The kinds of events an operator can filter by, and their names in words. */
public final class EventKinds {
  private EventKinds() {}

  public static List<EventKind> filterable() {
    return Arrays.stream(EventKind.values())
        .filter(kind -> kind != EventKind.UNRECOGNIZED && kind != EventKind.EVENT_KIND_UNSPECIFIED)
        .toList();
  }

  public static String label(EventKind kind) {
    if (kind == EventKind.EVENT_KIND_UNSPECIFIED) {
      return "console";
    }
    return kind.name().replace("EVENT_KIND_", "").replace('_', ' ').toLowerCase(Locale.ROOT);
  }
}
