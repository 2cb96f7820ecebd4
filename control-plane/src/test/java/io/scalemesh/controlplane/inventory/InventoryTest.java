package io.scalemesh.controlplane.inventory;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.mesh.Instance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The last good set of each service: what a failed refresh keeps, and when the inventory is
 * complete.
 */
class InventoryTest {
  private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

  private final Inventory inventory = new Inventory(Set.of("backend", "web"));

  @Test
  void itIsCompleteOnceEveryServiceHasReportedACompleteSet() {
    assertThat(inventory.view())
        .isEqualTo(new InventoryView(Map.of(), false, Optional.empty(), Map.of()));

    assertThat(inventory.accept(complete("backend", T0, vm(1)))).isTrue();
    assertThat(inventory.view().complete()).isFalse();
    assertThat(inventory.accept(failed("web", T0, "timeout"))).isTrue();
    assertThat(inventory.view().complete()).as("a failure is no set").isFalse();

    assertThat(inventory.accept(complete("web", T0.plusSeconds(1)))).isTrue();
    assertThat(inventory.view().complete()).as("an empty set is a set").isTrue();
    assertThat(inventory.view().lastUpdate()).contains(T0.plusSeconds(1));
  }

  @Test
  void aFailedRefreshKeepsTheLastGoodSetAndRecordsItsErrorUntilTheNextCompleteOne() {
    inventory.accept(complete("backend", T0, vm(1), vm(2)));

    assertThat(
            inventory.accept(failed("backend", T0.plusSeconds(5), "Resource Manager answered 500")))
        .isTrue();
    InventoryView view = inventory.view();
    assertThat(view.instances()).containsEntry("backend", List.of(vm(1), vm(2)));
    assertThat(view.errors()).containsEntry("backend", "Resource Manager answered 500");
    assertThat(view.lastUpdate()).as("a failure is no update").contains(T0);

    assertThat(
            inventory.accept(
                failed("backend", T0.plusSeconds(10), "Resource Manager answered 500")))
        .as("the same error again changes nothing")
        .isFalse();
    assertThat(inventory.accept(complete("backend", T0.plusSeconds(15), vm(1), vm(2))))
        .as("the same set, but the error is cleared")
        .isTrue();
    assertThat(inventory.view().errors()).isEmpty();
  }

  @Test
  void theSameSetAgainIsNoChangeAndADifferentOneReplacesIt() {
    inventory.accept(complete("backend", T0, vm(1), vm(2)));

    assertThat(inventory.accept(complete("backend", T0.plusSeconds(1), vm(1), vm(2)))).isFalse();
    assertThat(inventory.accept(complete("backend", T0.plusSeconds(2), vm(2)))).isTrue();
    assertThat(inventory.view().instances()).containsEntry("backend", List.of(vm(2)));
  }

  @Test
  void aReportOfAServiceNotConfiguredIsRefused() {
    assertThatThrownBy(() -> inventory.accept(complete("frontend", T0, vm(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frontend");
    assertThat(inventory.view().instances()).isEmpty();
  }

  @Test
  void aViewIsASnapshotThatLaterReportsDoNotChange() {
    inventory.accept(failed("backend", T0, "timeout"));
    InventoryView before = inventory.view();

    inventory.accept(complete("backend", T0, vm(1)));

    assertThat(before.instances()).isEmpty();
    assertThat(before.errors()).containsOnlyKeys("backend");
  }

  private static DiscoveryReport complete(String service, Instant at, Instance... instances) {
    return new DiscoveryReport.Complete(service, List.of(instances), at);
  }

  private static DiscoveryReport failed(String service, Instant at, String error) {
    return new DiscoveryReport.Failed(service, error, at);
  }
}
