package io.scalemesh.controlplane;

import io.grpc.stub.StreamObserver;
import java.util.function.Consumer;

/** Client-side stream observers for tests that only care about the messages. */
public final class StreamObservers {
  private StreamObservers() {}

  /** Hands every message to {@code messages}; ends of the stream are ignored. */
  public static <T> StreamObserver<T> onEach(Consumer<T> messages) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T message) {
        messages.accept(message);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }
}
