package io.scalemesh.controlplane.console;

import static io.scalemesh.controlplane.fixtures.TestTokens.bearer;
import static io.scalemesh.controlplane.fixtures.TestTokens.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.StreamObservers;
import io.scalemesh.controlplane.fixtures.TestChannels;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.publish.PublishListener;
import io.scalemesh.controlplane.publish.Published;
import io.scalemesh.controlplane.scale.ScaleController;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.WatchRequest;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchFanOutTest {
  private static final int WATCHERS = 50;
  private static final Duration CHURN = Duration.ofSeconds(60);
  private static final long SECOND = 1_000_000_000L;

  @TempDir Path dir;

  private record Seen(long atNanos, String version) {}

  @Test
  void fiftyWatchersSeeEveryVersionWithinASecondWhileAStalledOneIsMovedToTheLatest()
      throws Exception {
    try (ControlPlane plane =
        ControlPlane.start(
            TestConfigs.fromYaml(
                dir,
                """
        console_api:
          tokens: [{identity: viewer, role: viewer, sha256: %s}]
        services:
          - name: backend
            discovery: {kind: simulated, capacity: 2, boot_seconds: 0.1, drain_seconds: 0.1}
            autoscale: {enabled: false, minimum: 1, maximum: 6}
        """
                    .formatted(sha("viewer-token"))),
            Clock.systemUTC())) {
      Map<String, Long> publishedAt = new ConcurrentHashMap<>();
      List<String> publishOrder = new CopyOnWriteArrayList<>();
      plane
          .publisher()
          .addListener(
              new PublishListener() {
                @Override
                public void published(Optional<Published> previous, Published next) {
                  publishedAt.put(next.state().version(), System.nanoTime());
                  publishOrder.add(next.state().version());
                }
              });
      await().until(() -> plane.publisher().current().isPresent());
      ManagedChannel channel = TestChannels.plaintext(plane.consoleApiPort());
      ConsoleGrpc.ConsoleStub console =
          ConsoleGrpc.newStub(channel).withCallCredentials(bearer("viewer-token"));

      List<List<Seen>> watchers = new ArrayList<>();
      for (int i = 0; i < WATCHERS; i++) {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        watchers.add(seen);
        console.watch(
            WatchRequest.getDefaultInstance(),
            StreamObservers.onEach(
                update ->
                    seen.add(
                        new Seen(
                            System.nanoTime(), update.getStatus().getXds().getSnapshotVersion()))));
      }
      // Its own connection with a small receive window, so that what it does not read stays on
      // the server's side of the connection, where it must not pile up.
      ManagedChannel stalledChannel =
          NettyChannelBuilder.forAddress("127.0.0.1", plane.consoleApiPort())
              .usePlaintext()
              .flowControlWindow(64 * 1024)
              .build();
      StalledWatcher stalled = new StalledWatcher();
      ConsoleGrpc.newStub(stalledChannel)
          .withCallCredentials(bearer("viewer-token"))
          .watch(WatchRequest.getDefaultInstance(), stalled);

      ScaleController backend = plane.scaleController("backend").orElseThrow();
      long end = System.nanoTime() + CHURN.toNanos();
      int capacity = 2;
      while (System.nanoTime() < end) {
        capacity = capacity == 6 ? 2 : capacity + 1;
        backend.setCapacity(capacity).get();
        Thread.sleep(300);
      }
      Thread.sleep(1_500);

      long worst = 0;
      int checked = 0;
      for (List<Seen> seen : watchers) {
        for (int i = 0; i < publishOrder.size(); i++) {
          long published = publishedAt.get(publishOrder.get(i));
          int index = i;
          // The first update showing this version or a later one.
          Optional<Seen> caughtUp =
              seen.stream().filter(s -> publishOrder.indexOf(s.version()) >= index).findFirst();
          assertThat(caughtUp)
              .as("a watcher never saw version %s", publishOrder.get(i))
              .isPresent();
          worst = Math.max(worst, caughtUp.get().atNanos() - published);
          checked++;
        }
      }
      assertThat(publishOrder.size()).as("versions published during the churn").isGreaterThan(100);
      assertThat(checked).isEqualTo(WATCHERS * publishOrder.size());
      assertThat(worst)
          .as("worst lag from publication to a watcher, ms", worst / 1e6)
          .isLessThanOrEqualTo(SECOND);

      // The stalled watcher was written to only while its connection had room (a window of bytes,
      // not of changes); resumed, it gets that backlog and then the latest state, far less than
      // the updates a watcher that kept reading got over the same minute.
      int beforeResume = stalled.received.get();
      stalled.resume();
      String latest = plane.publisher().current().orElseThrow().state().version();
      await().atMost(Duration.ofSeconds(10)).until(() -> latest.equals(stalled.lastVersion.get()));
      int backlog = stalled.received.get() - beforeResume;
      int readerGot = watchers.stream().mapToInt(List::size).min().orElseThrow();
      assertThat(backlog)
          .as("messages held for the stalled watcher, vs %d a reader got", readerGot)
          .isLessThan(readerGot / 2);

      TestChannels.close(channel);
      TestChannels.close(stalledChannel);
    }
  }

  /** Takes one message, then reads nothing until resumed. */
  private static final class StalledWatcher
      implements ClientResponseObserver<WatchRequest, WatchUpdate> {
    final AtomicInteger received = new AtomicInteger();
    final AtomicReference<String> lastVersion = new AtomicReference<>("");
    private volatile ClientCallStreamObserver<WatchRequest> call;

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchRequest> call) {
      this.call = call;
      call.disableAutoRequestWithInitial(1);
    }

    void resume() {
      call.request(Integer.MAX_VALUE);
    }

    @Override
    public void onNext(WatchUpdate update) {
      received.incrementAndGet();
      lastVersion.set(update.getStatus().getXds().getSnapshotVersion());
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
