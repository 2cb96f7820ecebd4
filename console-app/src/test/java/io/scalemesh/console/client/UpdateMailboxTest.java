package io.scalemesh.console.client;

import static io.scalemesh.console.Statuses.T0;
import static io.scalemesh.console.Statuses.backend;
import static io.scalemesh.console.Statuses.event;
import static io.scalemesh.console.Statuses.status;
import static io.scalemesh.console.Statuses.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.model.console.v1.Event;
import io.scalemesh.model.console.v1.EventKind;
import io.scalemesh.model.console.v1.History;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class UpdateMailboxTest {
  private final Queue<Runnable> uiQueue = new ArrayDeque<>();
  private final List<WatchUpdate> delivered = new ArrayList<>();
  private final UpdateMailbox mailbox = new UpdateMailbox(uiQueue::add, delivered::add);

  @Test
  void whileTheUiIsBusyUpdatesMergeIntoTheNewestStateWithEveryEvent() {
    mailbox.offer(
        update(status(T0, backend(2)), event(T0, EventKind.EVENT_KIND_INSTANCE_ADDED, "a")));
    mailbox.offer(
        update(
            status(T0.plusSeconds(1), backend(3)),
            event(T0, EventKind.EVENT_KIND_SCALE_ACTION, "b")));
    mailbox.offer(
        update(status(T0.plusSeconds(2), backend(4)).toBuilder().build()).toBuilder()
            .setEventsDropped(2)
            .build());

    assertThat(uiQueue).hasSize(1);
    uiQueue.poll().run();

    assertThat(delivered).hasSize(1);
    WatchUpdate merged = delivered.getFirst();
    assertThat(merged.getStatus().getScaleSets(0).getCapacity()).isEqualTo(4);
    assertThat(merged.getEventsList()).extracting(Event::getMessage).containsExactly("a", "b");
    assertThat(merged.getEventsDropped()).isEqualTo(2);

    mailbox.offer(update(status(T0.plusSeconds(3), backend(5))));
    assertThat(uiQueue).hasSize(1);
  }

  @Test
  void aStreamsFirstUpdateKeepsItsHistoryAndANewStreamReplacesWhatCameBefore() {
    History history =
        History.newBuilder()
            .addEvents(event(T0, EventKind.EVENT_KIND_SNAPSHOT_PUBLISHED, "old"))
            .build();
    WatchUpdate first = update(status(T0, backend(2))).toBuilder().setHistory(history).build();
    WatchUpdate next =
        update(
            status(T0.plusSeconds(1), backend(3)),
            event(T0, EventKind.EVENT_KIND_SCALE_ACTION, "new"));

    WatchUpdate merged = UpdateMailbox.merge(first, next);
    assertThat(merged.getHistory()).isEqualTo(history);
    assertThat(merged.getEventsList()).extracting(Event::getMessage).containsExactly("new");

    WatchUpdate reconnected =
        update(status(T0.plusSeconds(9), backend(6))).toBuilder()
            .setHistory(History.getDefaultInstance())
            .build();
    assertThat(UpdateMailbox.merge(merged, reconnected)).isSameAs(reconnected);
  }
}
