package io.scalemesh.controlplane.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.ScaleSet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PastKeeperTest {
  private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

  /**
   * Statuses are kept on a thread of their own, but a read after a record sees it: a console may
   * ask for the moment of the update it was just sent.
   */
  @Test
  void aReadSeesEveryStatusRecordedBeforeIt() {
    try (PastKeeper keeper = new PastKeeper(new StatusHistory(Duration.ofHours(1), 1 << 20))) {
      for (int second = 0; second < 100; second++) {
        keeper.record(status(T0.plusSeconds(second), second));
        StatusHistory.Past past = keeper.at(T0.plusSeconds(second)).orElseThrow();
        assertThat(past.status().getScaleSets(0).getCapacity()).isEqualTo(second);
        assertThat(past.latest()).isEqualTo(T0.plusSeconds(second));
      }
    }
  }

  @Test
  void aStatusRecordedAfterCloseIsLetGoWithoutAFault() {
    PastKeeper keeper = new PastKeeper(new StatusHistory(Duration.ofHours(1), 1 << 20));
    keeper.close();

    keeper.record(status(T0, 1));
  }

  private static MeshStatus status(Instant at, int capacity) {
    return MeshStatus.newBuilder()
        .setObservedAt(
            Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
        .addScaleSets(ScaleSet.newBuilder().setName("backend").setCapacity(capacity))
        .build();
  }
}
