package io.scalemesh.controlplane.status;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static io.scalemesh.controlplane.status.StatusParts.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalemesh.controlplane.autoscale.CpuSample;
import io.scalemesh.controlplane.events.Event;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.xds.ProxyStatus;
import io.scalemesh.model.console.v1.InstanceCounts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status stream over plain parts on a manual clock: where a subscriber starts, and which
 * changes reach it. It refreshes every 250 ms of real time, so a negative ("nothing more is sent")
 * is watched over a few refreshes.
 */
class StatusStreamTest {
  private static final Duration A_FEW_REFRESHES = StatusStream.REFRESH.multipliedBy(3);

  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private final List<StatusStream.Update> updates = new CopyOnWriteArrayList<>();
  private StatusParts parts;
  private StatusStream stream;

  @BeforeEach
  void start() {
    parts = teardown.add(new StatusParts(dir));
    stream = teardown.add(parts.stream());
  }

  @Test
  void aNewSubscriberStartsFromTheStateNowAndTheRecentPastOnly() {
    parts.events.append(Event.Kind.SCALE_ACTION, "backend", "two hours ago");
    parts.cpu.add(new CpuSample("backend", T0, 90, Map.of()));
    parts.clock.advance(Duration.ofHours(2));
    parts.events.append(Event.Kind.SCALE_ACTION, "backend", "just now");
    parts.cpu.add(new CpuSample("backend", parts.clock.instant(), 30, Map.of()));
    parts.publish(vm(1));

    StatusStream.Start start = stream.subscribe(Duration.ofHours(1), updates::add);

    assertThat(start.status().getScaleSets(0).getInstancesCount()).isEqualTo(1);
    assertThat(start.history().getEventsList())
        .extracting(event -> event.getMessage())
        .containsExactly("just now");
    assertThat(start.history().getCpuList())
        .extracting(sample -> sample.getAveragePercent())
        .containsExactly(30.0);
    assertThat(start.history().getInstanceCountsList())
        .containsExactly(
            InstanceCounts.newBuilder()
                .setScaleSet("backend")
                .setAt(Timestamps.of(parts.clock.instant()))
                .setDesired(3)
                .setTotal(1)
                .setReady(1)
                .build());
  }

  @Test
  void everyEventReachesSubscribersInAnUpdate() {
    stream.subscribe(Duration.ofHours(1), updates::add);

    parts.events.append(Event.Kind.NACK, "", "edge-1 rejected ClusterLoadAssignment v2");

    await()
        .until(
            () ->
                updates.stream()
                    .flatMap(update -> update.events().stream())
                    .anyMatch(
                        event ->
                            event.getMessage().equals("edge-1 rejected ClusterLoadAssignment v2")));
  }

  @Test
  void aChangeNobodyAnnouncesReachesSubscribersWithTheNextRefresh() {
    stream.subscribe(Duration.ofHours(1), updates::add);

    parts.proxies.add(new ProxyStatus("edge-1", "edge", T0, Map.of(), false, ""));

    await()
        .until(() -> updates.stream().anyMatch(update -> update.status().getProxiesCount() == 1));
  }

  @Test
  void whileNothingChangesNothingIsSent() {
    stream.subscribe(Duration.ofHours(1), updates::add);
    parts.events.append(Event.Kind.SCALE_ACTION, "backend", "a change");
    await().until(() -> updates.stream().anyMatch(update -> !update.events().isEmpty()));
    int sent = updates.size();

    await().during(A_FEW_REFRESHES).until(() -> updates.size() == sent);
  }

  @Test
  void anUnsubscribedConsumerIsToldNothingMore() {
    List<StatusStream.Update> left = new CopyOnWriteArrayList<>();
    Consumer<StatusStream.Update> leaving = left::add;
    stream.subscribe(Duration.ofHours(1), leaving);
    stream.subscribe(Duration.ofHours(1), updates::add);

    stream.unsubscribe(leaving);
    parts.events.append(Event.Kind.SCALE_ACTION, "backend", "a change");

    await().until(() -> updates.stream().anyMatch(update -> !update.events().isEmpty()));
    // A periodic push may have reached it before it left; the change after it left did not.
    assertThat(left).allMatch(update -> update.events().isEmpty());
    assertThat(stream.subscriberCount()).isEqualTo(1);
  }
}
