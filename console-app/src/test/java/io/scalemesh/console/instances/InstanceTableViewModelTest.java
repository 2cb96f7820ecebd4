package io.scalemesh.console.instances;

import static io.scalemesh.console.Statuses.T0;
import static io.scalemesh.console.Statuses.backend;
import static io.scalemesh.console.Statuses.instance;
import static io.scalemesh.console.Statuses.ready;
import static io.scalemesh.console.Statuses.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.scalemesh.model.console.v1.EndpointStatus;
import io.scalemesh.model.console.v1.Traffic;
import org.junit.jupiter.api.Test;

class InstanceTableViewModelTest {
  private final InstanceTableViewModel table = new InstanceTableViewModel();

  @Test
  void rowsAreUpdatedInPlaceAndRemovedWithTheirInstance() {
    table.apply(
        status(
            T0,
            backend(
                2,
                ready("backend-1", 10),
                instance("backend-2", EndpointStatus.ENDPOINT_STATUS_BOOTING, 0))));
    InstanceRow first = table.rows().getFirst();

    table.apply(status(T0.plusSeconds(1), backend(1, ready("backend-1", 55))));

    assertThat(table.rows()).containsExactly(first);
    assertThat(first.cpuProperty().get()).isEqualTo(55.0);
    assertThat(first.stateProperty().get()).isEqualTo("ready");
  }

  @Test
  void instancesOfTheSameNameInTwoScaleSetsAreTwoRowsAndAScaleSetThatGoesTakesItsRows() {
    table.apply(
        status(
            T0, backend(1, ready("vm-1", 10)), backend(1, ready("vm-1", 20)).setName("frontend")));
    assertThat(table.rows())
        .extracting(InstanceRow::scaleSet, InstanceRow::name)
        .containsExactly(tuple("backend", "vm-1"), tuple("frontend", "vm-1"));

    table.apply(status(T0.plusSeconds(1), backend(1, ready("vm-1", 30))));
    assertThat(table.rows())
        .extracting(InstanceRow::scaleSet, InstanceRow::name)
        .containsExactly(tuple("backend", "vm-1"));
    assertThat(table.rows().getFirst().cpuProperty().get()).isEqualTo(30.0);

    // Back again: a new row, not one the view model should have forgotten.
    table.apply(
        status(
            T0.plusSeconds(2),
            backend(1, ready("vm-1", 30)),
            backend(1, ready("vm-1", 40)).setName("frontend")));
    assertThat(table.rows()).hasSize(2);
    assertThat(table.rows().getLast().cpuProperty().get()).isEqualTo(40.0);
  }

  @Test
  void eachRowShowsTheCallsAndErrorsPerSecondTheProxiesReported() {
    table.apply(status(T0, backend(1, ready("backend-1", 10))));
    InstanceRow row = table.rows().getFirst();
    assertThat(row.callsPerSecondProperty().get()).isZero();

    table.apply(
        status(
            T0.plusSeconds(1),
            backend(
                1,
                ready("backend-1", 10).toBuilder()
                    .setTraffic(
                        Traffic.newBuilder().setRequestsPerSecond(120.5).setErrorsPerSecond(2.5))
                    .build())));

    assertThat(row.callsPerSecondProperty().get()).isEqualTo(120.5);
    assertThat(row.errorsPerSecondProperty().get()).isEqualTo(2.5);
  }

  @Test
  void theFilterMatchesAnyColumnAndFollowsStateChanges() {
    table.apply(
        status(
            T0,
            backend(
                3,
                ready("backend-1", 10),
                ready("backend-2", 10),
                instance("backend-3", EndpointStatus.ENDPOINT_STATUS_BOOTING, 0))));

    table.filterProperty().set("BOOTING");
    assertThat(table.rows()).extracting(InstanceRow::name).containsExactly("backend-3");

    table.apply(
        status(
            T0.plusSeconds(1),
            backend(3, ready("backend-1", 10), ready("backend-2", 10), ready("backend-3", 10))));
    assertThat(table.rows()).isEmpty();

    table.filterProperty().set("backend-2");
    assertThat(table.rows()).extracting(InstanceRow::name).containsExactly("backend-2");
    table.filterProperty().set("");
    assertThat(table.rows()).hasSize(3);
  }

  /** The issue: "3" matched a port, "zone 1" found nothing, and the count said "1 instances". */
  @Test
  void theFilterMatchesWordsNotPortsAndKnowsFieldNames() {
    table.apply(
        status(
            T0,
            backend(
                2,
                ready("backend-1", 10).toBuilder().setPrivateIp("10.0.0.4").setPort(9003).build(),
                ready("backend-2", 10).toBuilder().setPrivateIp("10.0.0.5").setZone("2").build())));

    table.filterProperty().set("3");
    assertThat(table.rows()).isEmpty();
    table.filterProperty().set("zone 1");
    assertThat(table.rows()).extracting(InstanceRow::name).containsExactly("backend-1");
    table.filterProperty().set("ready 2");
    assertThat(table.rows()).extracting(InstanceRow::name).containsExactly("backend-2");
    table.filterProperty().set("10.0.0.5");
    assertThat(table.rows()).extracting(InstanceRow::name).containsExactly("backend-2");
    assertThat(InstanceTableViewModel.count(1)).isEqualTo("1 instance");
    assertThat(InstanceTableViewModel.count(8)).isEqualTo("8 instances");
  }
}
