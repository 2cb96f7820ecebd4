package io.scalemesh.controlplane.console;

import io.grpc.stub.ServerCallStreamObserver;
import io.scalemesh.controlplane.status.StatusStream;
import io.scalemesh.model.console.v1.Event;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * One Watch stream: status updates adapted to gRPC flow control. It holds at most one unsent state
 * (a newer one replaces it) and a bounded queue of unsent events, and sends only while gRPC says
 * the stream can take more: a consumer that stops reading costs the server a fixed amount of memory
 * and never delays anyone else. Nothing is sent before the first update, which carries the history.
 */
final class Watcher implements Consumer<StatusStream.Update> {
  static final int MAX_PENDING_EVENTS = 1_000;

  private final ServerCallStreamObserver<WatchUpdate> stream;
  private final WatchUpdate.Builder identity;
  private final Deque<Event> pendingEvents = new ArrayDeque<>();
  private MeshStatus pendingStatus;
  private int dropped;
  private boolean begun;

  Watcher(ServerCallStreamObserver<WatchUpdate> stream, WatchUpdate.Builder identity) {
    this.stream = stream;
    this.identity = identity;
  }

  /** Sends the first update, then whatever came meanwhile. */
  synchronized void begin(StatusStream.Start start) {
    stream.onNext(identity.clone().setStatus(start.status()).setHistory(start.history()).build());
    begun = true;
    drain();
  }

  @Override
  public synchronized void accept(StatusStream.Update update) {
    pendingStatus = update.status();
    for (Event event : update.events()) {
      pendingEvents.addLast(event);
      if (pendingEvents.size() > MAX_PENDING_EVENTS) {
        pendingEvents.removeFirst();
        dropped++;
      }
    }
    drain();
  }

  /** Sends what is pending if the stream can take it; gRPC calls this again once it can. */
  synchronized void drain() {
    if (!begun || pendingStatus == null || stream.isCancelled() || !stream.isReady()) {
      return;
    }
    WatchUpdate update =
        identity
            .clone()
            .setStatus(pendingStatus)
            .addAllEvents(pendingEvents)
            .setEventsDropped(dropped)
            .build();
    pendingStatus = null;
    pendingEvents.clear();
    dropped = 0;
    stream.onNext(update);
  }
}
