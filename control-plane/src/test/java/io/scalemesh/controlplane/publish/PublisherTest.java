package io.scalemesh.controlplane.publish;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalemesh.controlplane.config.GuardConfig;
import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.fixtures.ManualClock;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.inventory.Inventory;
import io.scalemesh.controlplane.mesh.BackendProtocol;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The publisher over a real inventory and guard, with a sink that records what it serves and
 * refuses any state holding vm-99. A negative ("nothing more is published") is watched for a while:
 * the publisher runs a lone change at once, so a wrong publish would show within it.
 */
class PublisherTest {
  private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
  private static final GuardConfig HOLD_TEN_MINUTES = new GuardConfig(0.5, 10, null);
  private static final Duration QUIET = Duration.ofMillis(300);

  /**
   * The instance the sink refuses to serve, as it would one whose resources break Envoy's rules.
   */
  private static final int REFUSED = 99;

  @RegisterExtension final Teardown teardown = new Teardown();

  private final ManualClock clock = new ManualClock(T0);
  private final RecordingSink sink = new RecordingSink();
  private final RecordingListener listener = new RecordingListener();
  private Publisher publisher;

  @Test
  void nothingIsPublishedBeforeEveryServiceHasReportedACompleteSet() {
    start(HOLD_TEN_MINUTES, "backend", "web");

    publisher.accept(complete("backend", vm(1)));
    publisher.accept(new DiscoveryReport.Failed("web", "timeout", T0));

    await().during(QUIET).until(() -> sink.served.isEmpty());
    assertThat(publisher.current()).isEmpty();
    assertThat(listener.told).containsExactly("reported backend", "reported web: timeout");

    publisher.accept(complete("web", vm(2)));
    await().until(() -> sink.served.size() == 1);
    assertThat(sink.served.getFirst().services())
        .extracting(MeshState.Service::name)
        .containsExactly("backend", "web");
  }

  @Test
  void reportsArrivingWhilePublishingAreOnePublishOfTheNewest() {
    start(HOLD_TEN_MINUTES, "backend");
    sink.holdServes();
    publisher.accept(complete("backend", vm(1)));
    await().until(() -> sink.served.size() == 1);

    for (int n = 2; n <= 20; n++) {
      publisher.accept(complete("backend", vms(n)));
    }
    sink.letGo();

    await().until(() -> sink.served.size() == 2);
    assertThat(names(sink.served.get(1))).hasSize(20);
    await().during(QUIET).until(() -> sink.served.size() == 2);
  }

  @Test
  void aRefusedStateIsToldOnceAndTheLastValidOneStaysPublished() {
    start(HOLD_TEN_MINUTES, "backend");
    publisher.accept(complete("backend", vm(1), vm(2)));
    await().until(() -> publisher.current().isPresent());
    Published valid = publisher.current().orElseThrow();

    publisher.accept(complete("backend", vm(1), vm(2), vm(REFUSED)));
    await().until(() -> sink.refused.size() == 1);
    // A failed refresh changes the inventory, so the publisher decides again: the same refused
    // state.
    publisher.accept(new DiscoveryReport.Failed("backend", "timeout", T0));

    await().during(QUIET).until(() -> sink.refused.size() == 1);
    assertThat(publisher.current()).contains(valid);
    assertThat(listener.told)
        .filteredOn(said -> said.startsWith("refused"))
        .containsExactly("refused [vm-1, vm-2, vm-99], keeping [vm-1, vm-2]");

    publisher.accept(complete("backend", vm(1), vm(3)));
    await()
        .until(
            () -> names(publisher.current().orElseThrow().state()).equals(List.of("vm-1", "vm-3")));
  }

  @Test
  void aRemovalIsMeasuredAgainstWhatWasServedNotAgainstAStateTheSinkRefused() {
    start(HOLD_TEN_MINUTES, "backend");
    publisher.accept(complete("backend", vms(5)));
    await().until(() -> sink.served.size() == 1);
    // Four ready, and one the sink refuses (booting, so not counted): never served.
    publisher.accept(
        complete("backend", vm(1), vm(2), vm(3), vm(4), vm(REFUSED, InstanceState.BOOTING)));
    await().until(() -> sink.refused.size() == 1);

    publisher.accept(complete("backend", vm(1), vm(2)));

    // 3 of the 5 served are gone at once: held. Against the refused state it would be 2 of 4, not
    // held.
    await().until(() -> !publisher.holds().isEmpty());
    assertThat(publisher.holds().get("backend").gone()).isEqualTo(3);
    assertThat(names(publisher.current().orElseThrow().state()))
        .containsExactly("vm-1", "vm-2", "vm-3", "vm-4", "vm-5");
  }

  @Test
  void aHoldIsLookedAtAgainWhileItLastsSoThatItEndsWithoutANewReport() {
    start(new GuardConfig(0.5, 1, null), "backend");
    publisher.accept(complete("backend", vms(4)));
    await().until(() -> sink.served.size() == 1);
    publisher.accept(complete("backend", vm(1)));
    await().until(() -> !publisher.holds().isEmpty());

    clock.advance(Duration.ofMinutes(1));

    await().atMost(Duration.ofSeconds(5)).until(() -> sink.served.size() == 2);
    assertThat(names(sink.served.get(1))).containsExactly("vm-1");
    assertThat(publisher.holds()).isEmpty();
    assertThat(listener.told).containsSubsequence("hold backend: 3 of 4", "hold backend ended");
  }

  @Test
  void aFailedRefreshPublishesNothingNew() {
    start(HOLD_TEN_MINUTES, "backend");
    publisher.accept(complete("backend", vm(1), vm(2)));
    await().until(() -> sink.served.size() == 1);

    publisher.accept(new DiscoveryReport.Failed("backend", "Resource Manager answered 500", T0));

    await().during(QUIET).until(() -> sink.served.size() == 1);
    assertThat(publisher.inventory().errors()).containsKey("backend");
  }

  @Test
  void aSinkThatFailsIsTriedAgainWithTheSameState() {
    start(HOLD_TEN_MINUTES, "backend");
    sink.failNext(1);

    publisher.accept(complete("backend", vm(1)));

    await().atMost(Duration.ofSeconds(5)).until(() -> sink.served.size() == 1);
    assertThat(names(sink.served.getFirst())).containsExactly("vm-1");
  }

  @Test
  void listenersAreToldEveryReportAndEveryPublicationWithWhatItReplaced() {
    start(HOLD_TEN_MINUTES, "backend");

    publisher.accept(complete("backend", vm(1)));
    await().until(() -> sink.served.size() == 1);
    publisher.accept(complete("backend", vm(1), vm(2)));
    await().until(() -> sink.served.size() == 2);

    assertThat(listener.told)
        .containsExactly(
            "reported backend", "published [vm-1], replacing nothing",
            "reported backend", "published [vm-1, vm-2], replacing [vm-1]");
    assertThat(publisher.current().orElseThrow().at()).isEqualTo(T0);
  }

  private void start(GuardConfig guard, String... services) {
    List<ServiceSpec> specs =
        Arrays.stream(services)
            .map(name -> new ServiceSpec(name, BackendProtocol.GRPC, "/healthz"))
            .toList();
    publisher =
        teardown.add(
            new Publisher(
                new Inventory(Set.of(services)), new PublishGuard(specs, guard), sink, clock));
    publisher.addListener(listener);
  }

  private DiscoveryReport complete(String service, Instance... instances) {
    return complete(service, List.of(instances));
  }

  private DiscoveryReport complete(String service, List<Instance> instances) {
    return new DiscoveryReport.Complete(service, instances, clock.instant());
  }

  /** vm-1 to vm-N, ready. */
  private static List<Instance> vms(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(n -> vm(n)).toList();
  }

  private static List<String> names(MeshState state) {
    return state.services().stream()
        .flatMap(service -> service.instances().stream())
        .map(Instance::name)
        .toList();
  }

  /** Serves every state but one holding {@link #REFUSED}; can hold a serve until let go. */
  private static final class RecordingSink implements MeshSink {
    final List<MeshState> served = new CopyOnWriteArrayList<>();
    final List<MeshState> refused = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** From now on each serve waits, once it has been recorded, until {@link #letGo}. */
    void holdServes() {
      gate = new CountDownLatch(1);
    }

    void letGo() {
      gate.countDown();
    }

    /** The next {@code count} serves fail, as an unavailable cache would. */
    void failNext(int count) {
      failures.set(count);
    }

    @Override
    public void serve(MeshState state, Instant at) throws StateRefusedException {
      if (failures.getAndDecrement() > 0) {
        throw new IllegalStateException("the cache is unavailable");
      }
      if (names(state).contains(vm(REFUSED).name())) {
        refused.add(state);
        throw new StateRefusedException(
            1, List.of("ClusterLoadAssignment 'backend': vm-99 has no address"));
      }
      served.add(state);
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** What the publisher told its listeners, in words, in order. */
  private static final class RecordingListener implements PublishListener {
    final List<String> told = new CopyOnWriteArrayList<>();

    @Override
    public void reported(DiscoveryReport report) {
      told.add(
          "reported "
              + report.service()
              + (report instanceof DiscoveryReport.Failed failed ? ": " + failed.error() : ""));
    }

    @Override
    public void published(Optional<Published> previous, Published next) {
      told.add(
          "published "
              + names(next.state())
              + ", replacing "
              + previous.map(p -> names(p.state()).toString()).orElse("nothing"));
    }

    @Override
    public void refused(MeshState state, Optional<Published> kept, StateRefusedException why) {
      told.add(
          "refused "
              + names(state)
              + ", keeping "
              + kept.map(p -> names(p.state()).toString()).orElse("nothing"));
    }

    @Override
    public void holdChanged(String service, Optional<PublishGuard.Hold> hold) {
      told.add(
          "hold "
              + service
              + hold.map(h -> ": " + h.gone() + " of " + h.routable()).orElse(" ended"));
    }
  }
}
