package io.scalemesh.controlplane.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The control plane's events, append-only: the publisher, scale actions and the proxy registry
 * write here; the status stream reads here. It is built before any of them, so nothing reports an
 * event by calling the reader. It keeps the last {@value #MAX_EVENTS}, which a console reads back
 * as far as an hour.
 */
public final class EventLog {
  static final int MAX_EVENTS = 5_000;

  private final Clock clock;
  private final Deque<Event> events = new ArrayDeque<>();
  private final List<Consumer<Event>> readers = new CopyOnWriteArrayList<>();

  public EventLog(Clock clock) {
    this.clock = clock;
  }

  /** Records that {@code kind} happened now; {@code service} is empty for the mesh as a whole. */
  public void append(Event.Kind kind, String service, String message) {
    append(new Event(clock.instant(), kind, service, message));
  }

  /** Records that a scale event of {@code service} settled, and what proxies saw of it. */
  public void append(String service, ScaleEventReport report) {
    append(
        new Event(
            clock.instant(),
            Event.Kind.SCALE_EVENT_REPORT,
            service,
            report.summary(),
            Optional.of(report)));
  }

  private void append(Event event) {
    synchronized (events) {
      events.addLast(event);
      if (events.size() > MAX_EVENTS) {
        events.removeFirst();
      }
    }
    readers.forEach(reader -> reader.accept(event));
  }

  /** The events kept from {@code from} on, oldest first. */
  public List<Event> since(Instant from) {
    synchronized (events) {
      return events.stream().filter(event -> !event.at().isBefore(from)).toList();
    }
  }

  /** Tells {@code reader} of every event appended from now on, on the appending thread. */
  public void follow(Consumer<Event> reader) {
    readers.add(reader);
  }
}
