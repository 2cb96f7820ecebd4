package io.scalemesh.console.client;

import io.scalemesh.model.console.v1.WatchUpdate;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Hands updates from the network to the UI thread, at most one hand-over queued at a time. When the
 * UI thread falls behind, updates that arrive meanwhile merge into one: the newest state, every
 * event, so a slow UI shows the latest state instead of working through a backlog.
 */
final class UpdateMailbox {
  private final Executor ui;
  private final Consumer<WatchUpdate> consumer;
  private WatchUpdate pending;

  UpdateMailbox(Executor ui, Consumer<WatchUpdate> consumer) {
    this.ui = ui;
    this.consumer = consumer;
  }

  void offer(WatchUpdate update) {
    boolean handOver;
    synchronized (this) {
      handOver = pending == null;
      pending = handOver ? update : merge(pending, update);
    }
    if (handOver) {
      ui.execute(this::deliver);
    }
  }

  private void deliver() {
    WatchUpdate update;
    synchronized (this) {
      update = pending;
      pending = null;
    }
    consumer.accept(update);
  }

  /**
   * One update that says what {@code earlier} then {@code later} said. The first update of a stream
   * carries history; a later one with history (a new stream) replaces everything before it.
   */
  static WatchUpdate merge(WatchUpdate earlier, WatchUpdate later) {
    if (later.hasHistory()) {
      return later;
    }
    WatchUpdate.Builder merged =
        later.toBuilder()
            .clearEvents()
            .addAllEvents(earlier.getEventsList())
            .addAllEvents(later.getEventsList())
            .setEventsDropped(earlier.getEventsDropped() + later.getEventsDropped());
    if (earlier.hasHistory()) {
      merged.setHistory(earlier.getHistory());
    }
    return merged.build();
  }
}
