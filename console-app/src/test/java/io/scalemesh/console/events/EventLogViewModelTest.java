package io.scalemesh.console.events;

import static io.scalemesh.console.Statuses.T0;
import static io.scalemesh.console.Statuses.backend;
import static io.scalemesh.console.Statuses.event;
import static io.scalemesh.console.Statuses.status;
import static io.scalemesh.console.Statuses.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.model.console.v1.EventKind;
import io.scalemesh.model.console.v1.History;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventLogViewModelTest {
  private final EventLogViewModel log = new EventLogViewModel();

  @Test
  void historyThenUpdatesNewestFirstFilteredByKind() {
    log.apply(
        update(status(T0, backend(2))).toBuilder()
            .setHistory(
                History.newBuilder()
                    .addEvents(
                        event(
                            T0.minusSeconds(20),
                            EventKind.EVENT_KIND_INSTANCE_ADDED,
                            "backend-1 added"))
                    .addEvents(
                        event(
                            T0.minusSeconds(10),
                            EventKind.EVENT_KIND_SNAPSHOT_PUBLISHED,
                            "published v1")))
            .build());
    log.apply(
        update(
            status(T0.plusSeconds(1), backend(3)),
            event(T0.plusSeconds(1), EventKind.EVENT_KIND_SCALE_ACTION, "ops scaled 2 -> 3")));

    assertThat(log.events())
        .extracting(EventRow::message)
        .containsExactly("ops scaled 2 -> 3", "published v1", "backend-1 added");

    log.kindProperty().set(Optional.of(EventKind.EVENT_KIND_SCALE_ACTION));
    assertThat(log.events()).extracting(EventRow::kindLabel).containsExactly("scale action");
    log.kindProperty().set(Optional.empty());
    assertThat(log.events()).hasSize(3);
  }

  @Test
  void missedEventsAreSaidAndTheLogIsCapped() {
    for (int i = 0; i < EventLogViewModel.MAX_EVENTS + 10; i++) {
      log.apply(
          update(
              status(T0.plusSeconds(i), backend(2)),
              event(T0.plusSeconds(i), EventKind.EVENT_KIND_NACK, "n" + i)));
    }
    log.apply(
        update(status(T0.plusSeconds(9_999), backend(2))).toBuilder().setEventsDropped(7).build());

    assertThat(log.events()).hasSize(EventLogViewModel.MAX_EVENTS);
    assertThat(log.events().getFirst().message()).startsWith("7 events missed");
  }

  @Test
  void removalHoldsAreNamedForWhatIsHeldAndAskForAttention() {
    log.apply(
        update(
            status(T0, backend(2)),
            event(
                T0,
                EventKind.EVENT_KIND_GUARD_HOLD,
                "holding back the removal of 3 of 4 instances until an operator releases it")));

    assertThat(log.events())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.kindLabel()).isEqualTo("removal hold");
              assertThat(row.severity()).isEqualTo(EventSeverity.WARNING);
            });
    assertThat(EventKinds.severity(EventKind.EVENT_KIND_NACK)).isEqualTo(EventSeverity.ERROR);
    assertThat(EventKinds.severity(EventKind.EVENT_KIND_SNAPSHOT_PUBLISHED))
        .isEqualTo(EventSeverity.INFO);
    assertThat(EventKinds.filterable()).contains(EventKind.EVENT_KIND_GUARD_HOLD);
  }

  /** The issue saw "backend_17 is draining" listed as "instance added". */
  @Test
  void aStateChangeIsListedAsAStateChange() {
    EventLogViewModel log = new EventLogViewModel();
    log.apply(
        update(
            status(T0, backend(2)),
            event(T0, EventKind.EVENT_KIND_INSTANCE_STATE_CHANGED, "backend_17 is draining")));
    assertThat(log.events().getFirst().kindLabel()).isEqualTo("state change");
  }
}
