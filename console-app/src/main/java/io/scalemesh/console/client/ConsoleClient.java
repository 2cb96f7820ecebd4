package io.scalemesh.console.client;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.scalemesh.console.client.ConnectionState.Connecting;
import io.scalemesh.console.client.ConnectionState.Waiting;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.ReleaseHoldRequest;
import io.scalemesh.model.console.v1.ReleaseHoldResponse;
import io.scalemesh.model.console.v1.ScaleRequest;
import io.scalemesh.model.console.v1.ScaleResponse;
import io.scalemesh.model.console.v1.StatusAtRequest;
import io.scalemesh.model.console.v1.StatusAtResponse;
import io.scalemesh.model.console.v1.WatchRequest;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The console's one connection to a control plane: it owns the gRPC channel, keeps one Watch stream
 * open (reconnecting with backoff when it fails), sends scale and hold-release requests and asks
 * for past statuses, and hands connection states and updates (immutable protobuf messages) to the
 * UI executor. Everything that changes its own state runs on one thread, so it needs no locks.
 */
public final class ConsoleClient
    implements Connector, Scaler, HoldReleaser, PastReader, AutoCloseable {
  /** What the console hears from the client, always on the UI executor. */
  public interface Listener {
    void stateChanged(ConnectionState state);

    void updated(WatchUpdate update);
  }

  private static final int HISTORY_SECONDS = 3_600;
  private static final long CALL_DEADLINE_SECONDS = 15;

  /** A connection test asks for the least history there is: it only waits for an answer. */
  private static final int TEST_HISTORY_SECONDS = 1;

  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("console-client").daemon().factory());
  private final Executor ui;
  private final AccessTokens accessTokens;
  private volatile Listener listener;
  private final Reconnector reconnector;
  private final UpdateMailbox mailbox;

  private ConnectionSettings settings;
  private volatile ManagedChannel channel;
  private Context.CancellableContext stream;
  private ScheduledFuture<?> retry;

  /** Counts streams, so that callbacks of a stream already given up are ignored. */
  private int generation;

  /**
   * @param ui runs what the listener hears, in order (the FX thread: {@code Platform::runLater})
   */
  public ConsoleClient(Executor ui, Backoff backoff) {
    this(ui, backoff, AccessTokens.NONE);
  }

  /**
   * @param accessTokens the signed-in person's tokens, for connections that sign in
   */
  public ConsoleClient(Executor ui, Backoff backoff, AccessTokens accessTokens) {
    this.ui = ui;
    this.accessTokens = accessTokens;
    this.reconnector = new Reconnector(backoff);
    this.mailbox = new UpdateMailbox(ui, update -> listener.updated(update));
  }

  /** Sets who hears states and updates; before the first {@link #connect}. */
  public void listen(Listener newListener) {
    this.listener = newListener;
  }

  @Override
  public void connect(ConnectionSettings settings) {
    loop.execute(
        () -> {
          closeChannel();
          this.settings = settings;
          try {
            channel = Channels.open(settings);
          } catch (RuntimeException e) {
            publish(reconnector.start(settings.address()));
            publish(reconnector.failed(e.getMessage(), false));
            return;
          }
          publish(reconnector.start(settings.address()));
          openStream();
        });
  }

  @Override
  public CompletionStage<Optional<String>> test(ConnectionSettings candidate) {
    CompletableFuture<Optional<String>> outcome = new CompletableFuture<>();
    ManagedChannel probe;
    try {
      probe = Channels.open(candidate);
    } catch (RuntimeException e) {
      return CompletableFuture.completedStage(Optional.of(e.getMessage()));
    }
    Context.CancellableContext call = Context.current().withCancellation();
    call.run(
        () ->
            ConsoleGrpc.newStub(probe)
                .withCallCredentials(BearerToken.of(candidate, accessTokens))
                .withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)
                .watch(
                    WatchRequest.newBuilder().setHistorySeconds(TEST_HISTORY_SECONDS).build(),
                    new StreamObserver<>() {
                      @Override
                      public void onNext(WatchUpdate update) {
                        outcome.complete(Optional.empty());
                      }

                      @Override
                      public void onError(Throwable error) {
                        outcome.complete(Optional.of(Failure.of(error).reason()));
                      }

                      @Override
                      public void onCompleted() {
                        outcome.complete(Optional.of("the control plane ended the stream"));
                      }
                    }));
    return outcome
        .whenComplete(
            (result, error) -> {
              call.cancel(null);
              probe.shutdownNow();
            })
        .whenCompleteAsync((result, error) -> {}, ui);
  }

  @Override
  public void reconnectNow() {
    loop.execute(
        () -> {
          if (channel == null) {
            return;
          }
          endStream();
          publish(reconnector.start(settings.address()));
          openStream();
        });
  }

  @Override
  public void disconnect() {
    loop.execute(
        () -> {
          closeChannel();
          publish(reconnector.stop());
        });
  }

  @Override
  public CompletionStage<ScaleResponse> scale(ScaleRequest request) {
    return call((stub, response) -> stub.scale(request, response));
  }

  @Override
  public CompletionStage<ReleaseHoldResponse> releaseHold(ReleaseHoldRequest request) {
    return call((stub, response) -> stub.releaseHold(request, response));
  }

  @Override
  public CompletionStage<StatusAtResponse> statusAt(StatusAtRequest request) {
    return call((stub, response) -> stub.statusAt(request, response));
  }

  /** One request with this connection's token; its outcome completes on the UI executor. */
  private <R> CompletionStage<R> call(BiConsumer<ConsoleGrpc.ConsoleStub, StreamObserver<R>> rpc) {
    CompletableFuture<R> outcome = new CompletableFuture<>();
    ManagedChannel current = channel;
    if (current == null) {
      outcome.completeExceptionally(new IllegalStateException("not connected"));
    } else {
      rpc.accept(
          ConsoleGrpc.newStub(current)
              .withCallCredentials(BearerToken.of(settings, accessTokens))
              .withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS),
          new StreamObserver<>() {
            @Override
            public void onNext(R response) {
              outcome.complete(response);
            }

            @Override
            public void onError(Throwable error) {
              outcome.completeExceptionally(error);
            }

            @Override
            public void onCompleted() {}
          });
    }
    return outcome.whenCompleteAsync((response, error) -> {}, ui);
  }

  private void openStream() {
    int current = ++generation;
    // gRPC's own reconnect backoff can grow to minutes; this client decides when to try.
    channel.resetConnectBackoff();
    stream = Context.current().withCancellation();
    stream.run(
        () ->
            ConsoleGrpc.newStub(channel)
                .withCallCredentials(BearerToken.of(settings, accessTokens))
                .watch(
                    WatchRequest.newBuilder().setHistorySeconds(HISTORY_SECONDS).build(),
                    new StreamObserver<>() {
                      @Override
                      public void onNext(WatchUpdate update) {
                        onLoop(() -> received(current, update));
                      }

                      @Override
                      public void onError(Throwable error) {
                        onLoop(() -> ended(current, Failure.of(error)));
                      }

                      @Override
                      public void onCompleted() {
                        onLoop(
                            () ->
                                ended(
                                    current,
                                    new Failure("the control plane ended the stream", true)));
                      }
                    }));
  }

  /**
   * Runs a stream's callback on the client's thread. Closing the client cancels the stream, and
   * gRPC then reports the cancellation on its own thread after the loop has shut down: that news is
   * for nobody, so it is dropped rather than thrown (a RejectedExecutionException on every close).
   */
  private void onLoop(Runnable callback) {
    try {
      loop.execute(callback);
    } catch (RejectedExecutionException closed) {
      // the client is closed
    }
  }

  private void received(int streamGeneration, WatchUpdate update) {
    if (streamGeneration != generation) {
      return;
    }
    ConnectionState before = reconnector.state();
    mailbox.offer(update);
    ConnectionState after = reconnector.received(update.getIdentity(), update.getMayScale());
    if (!after.equals(before)) {
      publish(after);
    }
  }

  private void ended(int streamGeneration, Failure failure) {
    if (streamGeneration != generation) {
      return;
    }
    ConnectionState state = reconnector.failed(failure.reason(), failure.retryable());
    publish(state);
    if (state instanceof Waiting waiting) {
      retry = loop.schedule(this::retryDue, waiting.retryIn().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void retryDue() {
    if (reconnector.state() instanceof Waiting) {
      ConnectionState state = reconnector.retryDue();
      publish(state);
      if (state instanceof Connecting) {
        openStream();
      }
    }
  }

  private void publish(ConnectionState state) {
    ui.execute(() -> listener.stateChanged(state));
  }

  private void endStream() {
    generation++;
    if (retry != null) {
      retry.cancel(false);
      retry = null;
    }
    if (stream != null) {
      stream.cancel(null);
      stream = null;
    }
  }

  private void closeChannel() {
    endStream();
    if (channel != null) {
      channel.shutdownNow();
      channel = null;
    }
  }

  @Override
  public void close() {
    loop.execute(this::closeChannel);
    loop.shutdown();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
