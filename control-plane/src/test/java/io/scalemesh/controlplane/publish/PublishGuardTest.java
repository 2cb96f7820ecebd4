package io.scalemesh.controlplane.publish;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.controlplane.config.GuardConfig;
import io.scalemesh.controlplane.inventory.InventoryView;
import io.scalemesh.controlplane.mesh.BackendProtocol;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.mesh.MeshState;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The guard as a pure decision: what each inventory publishes, and when a removal is held. */
class PublishGuardTest {
  private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
  private final PublishGuard guard =
      new PublishGuard(
          List.of(new ServiceSpec("backend", BackendProtocol.GRPC, "/healthz")),
          new GuardConfig(0.5, 10, null));

  @Test
  void nothingIsPublishedBeforeTheFirstCompleteDiscovery() {
    assertThat(guard.decide(new InventoryView(Map.of(), false, Optional.empty(), Map.of()), T0))
        .isEmpty();
  }

  @Test
  void halfGoneAtOnceIsPublishedAndMoreThanHalfIsHeldWhileAdditionsStillGoOut() {
    assertThat(names(decide(T0, vm(1), vm(2), vm(3), vm(4))))
        .containsExactly("vm-1", "vm-2", "vm-3", "vm-4");
    assertThat(names(decide(T0, vm(1), vm(2)))).containsExactly("vm-1", "vm-2");
    assertThat(guard.holds()).isEmpty();

    // Of vm-1 and vm-2, both vanish and vm-5 arrives: the vanished stay, the new one goes out.
    assertThat(names(decide(T0.plusSeconds(5), vm(5)))).containsExactly("vm-1", "vm-2", "vm-5");
    assertThat(guard.holds()).containsOnlyKeys("backend");
    assertThat(guard.holds().get("backend"))
        .isEqualTo(
            new PublishGuard.Hold(
                2,
                2,
                T0.plusSeconds(5),
                Optional.of(T0.plusSeconds(5).plus(Duration.ofMinutes(10))),
                List.of("vm-1", "vm-2")));

    // They come back: the hold ends.
    assertThat(names(decide(T0.plusSeconds(10), vm(1), vm(2), vm(5))))
        .containsExactly("vm-1", "vm-2", "vm-5");
    assertThat(guard.holds()).isEmpty();
  }

  @Test
  void newInstancesArrivingDuringAHoldDoNotDiluteIt() {
    decide(T0, vm(1), vm(2), vm(3), vm(4));
    assertThat(names(decide(T0.plusSeconds(1), vm(1), vm(5), vm(6)))).hasSize(6);
    assertThat(names(decide(T0.plusSeconds(2), vm(1), vm(5), vm(6))))
        .as("3 of the 4 it began with are still gone")
        .containsExactly("vm-1", "vm-2", "vm-3", "vm-4", "vm-5", "vm-6");
    assertThat(guard.holds().get("backend").gone()).isEqualTo(3);
  }

  @Test
  void onlyReadyInstancesCountAndReplacingOneIsRoutine() {
    decide(
        T0,
        vm(1),
        vm(2, InstanceState.BOOTING),
        vm(3, InstanceState.UNHEALTHY),
        vm(4, InstanceState.BOOTING));
    assertThat(names(decide(T0, vm(1)))).containsExactly("vm-1");
    assertThat(names(decide(T0, vm(7)))).as("one of one replaced").containsExactly("vm-7");
    assertThat(guard.holds()).isEmpty();
  }

  @Test
  void instancesThatDrainedFirstAreAnOrderlyRemovalAndNeverHeld() {
    decide(T0, vm(1), vm(2), vm(3), vm(4));
    decide(
        T0,
        vm(1),
        vm(2, InstanceState.DRAINING),
        vm(3, InstanceState.DRAINING),
        vm(4, InstanceState.DRAINING));

    assertThat(names(decide(T0.plusSeconds(5), vm(1)))).containsExactly("vm-1");
    assertThat(guard.holds()).isEmpty();
  }

  @Test
  void aHeldRemovalIsPublishedWhenItHasPersistedForTheHoldTimeOrWhenReleased() {
    decide(T0, vm(1), vm(2), vm(3));
    assertThat(names(decide(T0, vm(1)))).hasSize(3);
    assertThat(names(decide(T0.plus(Duration.ofMinutes(9)), vm(1)))).hasSize(3);
    assertThat(names(decide(T0.plus(Duration.ofMinutes(10)), vm(1)))).containsExactly("vm-1");
    assertThat(guard.holds()).isEmpty();

    decide(T0, vm(1), vm(4), vm(5));
    assertThat(names(decide(T0, vm(1)))).hasSize(3);
    assertThat(guard.release("backend")).isTrue();
    assertThat(names(decide(T0, vm(1)))).containsExactly("vm-1");
    assertThat(guard.release("backend")).as("nothing held any more").isFalse();
  }

  @Test
  void aDecidedStateThatWasNeverPublishedIsNotWhatARemovalIsMeasuredAgainst() {
    decide(T0, vm(1), vm(2), vm(3), vm(4), vm(5));
    // Decided but refused by the sink: vm-5 is still what proxies have.
    decideWithoutPublishing(T0, vm(1), vm(2), vm(3), vm(4));

    assertThat(names(decide(T0.plusSeconds(1), vm(1), vm(2))))
        .as("3 of the 5 published are gone at once")
        .containsExactly("vm-1", "vm-2", "vm-3", "vm-4", "vm-5");
    assertThat(guard.holds().get("backend").gone()).isEqualTo(3);
  }

  /** Decides, and publishes what was decided, as the publisher does when the sink takes it. */
  private List<Instance> decide(Instant now, Instance... instances) {
    MeshState state = decideWithoutPublishing(now, instances);
    guard.published(state);
    return state.services().getFirst().instances();
  }

  private MeshState decideWithoutPublishing(Instant now, Instance... instances) {
    return guard
        .decide(
            new InventoryView(
                Map.of("backend", List.of(instances)), true, Optional.of(now), Map.of()),
            now)
        .orElseThrow();
  }

  private static List<String> names(List<Instance> instances) {
    return instances.stream().map(Instance::name).toList();
  }
}
