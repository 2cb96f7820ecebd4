package io.scalemesh.console.events;

import io.scalemesh.console.mesh.Timestamps;
import io.scalemesh.model.console.v1.Event;
import io.scalemesh.model.console.v1.EventKind;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The event log, newest first, at most {@value #MAX_EVENTS} lines, filtered by kind. */
public final class EventLogViewModel {
  static final int MAX_EVENTS = 2_000;

  private final ObservableList<EventRow> events = FXCollections.observableArrayList();
  private final FilteredList<EventRow> shown = new FilteredList<>(events);

  /** Empty: every kind. */
  private final ObjectProperty<Optional<EventKind>> kind =
      new SimpleObjectProperty<>(Optional.empty());

  public EventLogViewModel() {
    kind.addListener(
        (property, before, after) ->
            shown.setPredicate(after.isEmpty() ? null : row -> row.kind() == after.get()));
  }

  public void apply(WatchUpdate update) {
    if (update.hasHistory()) {
      events.clear();
      add(update.getHistory().getEventsList());
    }
    add(update.getEventsList());
    if (update.getEventsDropped() > 0) {
      events.add(
          0,
          new EventRow(
              Timestamps.toInstant(update.getStatus().getObservedAt()),
              EventKind.EVENT_KIND_UNSPECIFIED,
              "",
              update.getEventsDropped()
                  + " events missed: the console fell behind the control plane"));
    }
    if (events.size() > MAX_EVENTS) {
      events.remove(MAX_EVENTS, events.size());
    }
  }

  private void add(List<Event> oldestFirst) {
    if (oldestFirst.isEmpty()) {
      return;
    }
    List<EventRow> newestFirst = new ArrayList<>(oldestFirst.size());
    for (Event event : oldestFirst.reversed()) {
      newestFirst.add(EventRow.of(event));
    }
    events.addAll(0, newestFirst);
  }

  public ObservableList<EventRow> events() {
    return shown;
  }

  public ObjectProperty<Optional<EventKind>> kindProperty() {
    return kind;
  }
}
