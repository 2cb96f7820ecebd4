package io.scalemesh.controlplane.status;

import io.grpc.stub.ServerCallStreamObserver;
import io.scalemesh.model.console.v1.Event;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One Watch stream. It holds at most one unsent state (a newer one replaces it) and a bounded
 * queue of unsent events, and sends only while gRPC says the stream can take more: a consumer
 * that stops reading costs the server a fixed amount of memory and never delays anyone else.
 */
final class Watcher {
  static final int MAX_PENDING_EVENTS = 1_000;

  private final ServerCallStreamObserver<WatchUpdate> stream;
  private final WatchUpdate.Builder identity;
  private final Deque<Event> pendingEvents = new ArrayDeque<>();
  private MeshStatus pendingStatus;
  private int dropped;

  Watcher(ServerCallStreamObserver<WatchUpdate> stream, WatchUpdate.Builder identity) {
    this.stream = stream;
    this.identity = identity;
  }

  synchronized void offer(MeshStatus status, List<Event> events) {
    pendingStatus = status;
    for (Event event : events) {
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
    if (pendingStatus == null || stream.isCancelled() || !stream.isReady()) {
      return;
    }
    WatchUpdate update = identity.clone()
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
