package io.scalemesh.controlplane.status;

import io.scalemesh.model.console.v1.Event;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The recent events an operator sees: the last hour, at most {@value #MAX_EVENTS}. */
final class EventLog {
  static final int MAX_EVENTS = 5_000;

  private final Deque<Event> events = new ArrayDeque<>();

  synchronized void add(Event event) {
    events.addLast(event);
    if (events.size() > MAX_EVENTS) {
      events.removeFirst();
    }
  }

  synchronized List<Event> since(Instant from) {
    return events.stream().filter(event -> !Timestamps.toInstant(event.getAt()).isBefore(from)).toList();
  }
}
