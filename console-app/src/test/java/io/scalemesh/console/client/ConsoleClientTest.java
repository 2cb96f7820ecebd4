package io.scalemesh.console.client;

import static io.scalemesh.console.Statuses.T0;
import static io.scalemesh.console.Statuses.backend;
import static io.scalemesh.console.Statuses.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.WatchRequest;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a small real gRPC server that streams one update and accepts one token. */
class ConsoleClientTest {
  private static final String TOKEN = "right";

  private Server server;
  private final List<Throwable> logged = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getThrown() != null) {
            logged.add(record.getThrown());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void start() throws Exception {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(new OneUpdate(), new TokenCheck()))
            .build()
            .start();
    Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void stop() throws InterruptedException {
    Logger.getLogger("").removeHandler(capture);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  /** The issue: a RejectedExecutionException on closing the window. */
  @Test
  void closingWhileAStreamIsOpenThrowsNothing() throws Exception {
    ConsoleClient client = new ConsoleClient(Runnable::run, Backoff.standard());
    List<WatchUpdate> updates = new CopyOnWriteArrayList<>();
    client.listen(
        new ConsoleClient.Listener() {
          @Override
          public void stateChanged(ConnectionState state) {}

          @Override
          public void updated(WatchUpdate update) {
            updates.add(update);
          }
        });
    client.connect(ConnectionSettings.plaintext(address(), TOKEN));
    await().atMost(Duration.ofSeconds(10)).until(() -> !updates.isEmpty());

    client.close();
    Thread.sleep(500); // gRPC reports the cancelled stream on its own thread, after the close

    assertThat(logged).isEmpty();
  }

  @Test
  void aConnectionTestSaysWhetherTheControlPlaneAnsweredAndWhyNot() {
    try (ConsoleClient client = new ConsoleClient(Runnable::run, Backoff.standard())) {
      assertThat(test(client, ConnectionSettings.plaintext(address(), TOKEN))).isEmpty();
      assertThat(test(client, ConnectionSettings.plaintext(address(), "wrong")))
          .contains("the control plane does not accept this token");
      assertThat(test(client, ConnectionSettings.plaintext("127.0.0.1:1", TOKEN)))
          .hasValueSatisfying(reason -> assertThat(reason).startsWith("control plane unreachable"));
    }
  }

  private static Optional<String> test(ConsoleClient client, ConnectionSettings settings) {
    return client.test(settings).toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
  }

  private String address() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Streams one status, then keeps the stream open. */
  private static final class OneUpdate extends ConsoleGrpc.ConsoleImplBase {
    @Override
    public void watch(WatchRequest request, StreamObserver<WatchUpdate> updates) {
      updates.onNext(
          WatchUpdate.newBuilder().setIdentity("ops").setStatus(status(T0, backend(2))).build());
    }
  }

  /** Refuses any token but {@link #TOKEN}, as the control plane does. */
  private static final class TokenCheck implements ServerInterceptor {
    private static final Metadata.Key<String> AUTHORIZATION =
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      if (!("Bearer " + TOKEN).equals(headers.get(AUTHORIZATION))) {
        call.close(Status.UNAUTHENTICATED, new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return next.startCall(call, headers);
    }
  }
}
