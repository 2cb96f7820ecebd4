package io.scalemesh.controlplane.discovery.azure.changes;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The event ids seen lately, so that a second delivery of one event is dropped: Event Grid delivers
 * at least once, and retries a delivery it is unsure of. Ids are kept for a window (longer than
 * Event Grid goes on retrying, the event time to live the Terraform sets) and at most a number of
 * them (so that a flood cannot grow it without end); an id forgotten sooner costs one read.
 */
final class RecentIds {
  private final Duration window;
  private final int capacity;
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

  RecentIds(Duration window, int capacity) {
    this.window = window;
    this.capacity = capacity;
  }

  /** Whether {@code id} is new within the window; it is remembered as seen {@code now}. */
  boolean firstTime(String id, Instant now) {
    Instant horizon = now.minus(window);
    // Insertion order is time order: the oldest go first.
    for (Iterator<Instant> oldest = seen.values().iterator(); oldest.hasNext(); ) {
      Instant at = oldest.next();
      if (seen.size() < capacity && !at.isBefore(horizon)) {
        break;
      }
      oldest.remove();
    }
    return seen.putIfAbsent(id, now) == null;
  }
}
