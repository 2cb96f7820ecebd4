package io.scalemesh.controlplane.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

class CallOutcomesTest {
  private final CallOutcomes outcomes = new CallOutcomes();

  @Test
  void failedCallsAreToldByStatusCodeWithTheLastOnesWords() {
    for (int i = 0; i < 1_200; i++) {
      outcomes.succeeded();
    }
    outcomes.failed(Status.UNAVAILABLE.withDescription("no healthy upstream").asRuntimeException());
    outcomes.failed(Status.DEADLINE_EXCEEDED.asRuntimeException());
    outcomes.failed(Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException());

    assertThat(outcomes.tell())
        .contains(
            "3 of 1,203 calls failed: UNAVAILABLE 2, DEADLINE_EXCEEDED 1"
                + " (the last: UNAVAILABLE: connection refused)");
  }

  @Test
  void nothingIsToldWhenNoCallFailedAndCountingBeginsAgainAfterATelling() {
    outcomes.succeeded();
    assertThat(outcomes.tell()).isEmpty();

    outcomes.failed(Status.UNAVAILABLE.asRuntimeException());
    assertThat(outcomes.tell())
        .contains("1 of 1 calls failed: UNAVAILABLE 1 (the last: UNAVAILABLE)");
    assertThat(outcomes.tell()).isEmpty();

    outcomes.succeeded();
    outcomes.failed(Status.INTERNAL.asRuntimeException());
    assertThat(outcomes.tell()).contains("1 of 2 calls failed: INTERNAL 1 (the last: INTERNAL)");
  }
}
