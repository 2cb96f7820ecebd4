package io.scalemesh.console.scaling;

import static io.scalemesh.console.Statuses.T0;
import static io.scalemesh.console.Statuses.backend;
import static io.scalemesh.console.Statuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.scalemesh.console.client.ConnectionState;
import io.scalemesh.console.notifications.Notification;
import io.scalemesh.console.notifications.Notification.Severity;
import io.scalemesh.console.notifications.NotificationsViewModel;
import io.scalemesh.model.console.v1.ScaleRequest;
import io.scalemesh.model.console.v1.ScaleResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The rules that enable the scale buttons, and what a confirmed proposal sends. */
class ScaleViewModelTest {
  private static final ConnectionState OPERATOR = new ConnectionState.Live("cp:18090", "ops", true);
  private static final ConnectionState VIEWER =
      new ConnectionState.Live("cp:18090", "dashboards", false);

  private final List<ScaleRequest> sent = new ArrayList<>();
  private CompletableFuture<ScaleResponse> pending = new CompletableFuture<>();
  private final NotificationsViewModel notifications =
      new NotificationsViewModel(InstantSource.fixed(T0));
  private final ScaleViewModel scaling =
      new ScaleViewModel(
          request -> {
            sent.add(request);
            return pending;
          },
          notifications);

  @Test
  void beforeAnyDataEverythingIsDisabledBecauseNotConnected() {
    assertThat(scaling.scaleOutDisabledProperty().get()).isTrue();
    assertThat(scaling.setCapacityDisabledProperty().get()).isTrue();
    assertThat(scaling.reasonProperty().get()).startsWith("Not connected");
  }

  @Test
  void anOperatorWithinTheBoundsMayScaleBothWays() {
    show(OPERATOR, 4);
    assertThat(scaling.scaleOutDisabledProperty().get()).isFalse();
    assertThat(scaling.scaleInDisabledProperty().get()).isFalse();
    assertThat(scaling.setCapacityDisabledProperty().get()).isFalse();
    assertThat(scaling.reasonProperty().get()).isEmpty();
    assertThat(scaling.capacityProperty().get()).isEqualTo("backend: capacity 4 (bounds 2..8)");
  }

  @Test
  void aViewerSeesEveryButtonDisabledWithTheReason() {
    show(VIEWER, 4);
    assertThat(scaling.scaleOutDisabledProperty().get()).isTrue();
    assertThat(scaling.scaleInDisabledProperty().get()).isTrue();
    assertThat(scaling.setCapacityDisabledProperty().get()).isTrue();
    assertThat(scaling.reasonProperty().get())
        .isEqualTo("Read-only: dashboards has a viewer token, scaling needs an operator's");
    assertThat(scaling.proposeScaleOut()).isEmpty();
  }

  @Test
  void atABoundOnlyTheOtherDirectionIsOffered() {
    show(OPERATOR, 8);
    assertThat(scaling.scaleOutDisabledProperty().get()).isTrue();
    assertThat(scaling.scaleInDisabledProperty().get()).isFalse();
    assertThat(scaling.reasonProperty().get()).isEqualTo("At the maximum capacity (8)");

    show(OPERATOR, 2);
    assertThat(scaling.scaleOutDisabledProperty().get()).isFalse();
    assertThat(scaling.scaleInDisabledProperty().get()).isTrue();
    assertThat(scaling.reasonProperty().get()).isEqualTo("At the minimum capacity (2)");
  }

  @Test
  void setCapacityIsCheckedAgainstTheBounds() {
    show(OPERATOR, 4);
    assertThat(scaling.check(9)).contains("9 is above the maximum capacity (8)");
    assertThat(scaling.check(1)).contains("1 is below the minimum capacity (2)");
    assertThat(scaling.check(4)).contains("The capacity is already 4");
    assertThat(scaling.proposeCapacity(6))
        .hasValueSatisfying(
            p -> {
              assertThat(p.change()).isEqualTo("backend: 4 -> 6");
              assertThat(p.bounds()).isEqualTo("bounds 2..8");
            });
  }

  @Test
  void aConfirmedProposalIsSentOnceAndTheButtonsWaitForItsOutcome() {
    show(OPERATOR, 4);
    ScaleProposal out = scaling.proposeScaleOut().orElseThrow();
    scaling.execute(out, "load test");

    assertThat(sent)
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.getScaleSet()).isEqualTo("backend");
              // The capacity confirmed, not "one more": see the stale-dialog test below.
              assertThat(request.getSetCapacity()).isEqualTo(5);
              assertThat(request.getReason()).isEqualTo("load test");
              assertThat(request.getIdempotencyKey()).isNotEmpty();
            });
    assertThat(scaling.scaleOutDisabledProperty().get()).isTrue();
    assertThat(scaling.reasonProperty().get()).isEqualTo("A scale request is in progress");

    pending.complete(
        ScaleResponse.newBuilder()
            .setRequest(sent.getFirst())
            .setPreviousCapacity(4)
            .setNewCapacity(5)
            .build());
    assertThat(latest()).isEqualTo(new Notification(T0, Severity.INFO, "backend: 4 -> 5 accepted"));
    assertThat(scaling.scaleOutDisabledProperty().get()).isFalse();
  }

  @Test
  void aRefusalIsShownInWords() {
    show(OPERATOR, 4);
    scaling.execute(scaling.proposeScaleIn().orElseThrow(), "");
    assertThat(sent.getFirst().getSetCapacity()).isEqualTo(3);
    assertThat(sent.getFirst().getReason()).isEqualTo("manual, from the console");
    pending.completeExceptionally(
        Status.FAILED_PRECONDITION
            .withDescription("3 is below the minimum 4")
            .asRuntimeException());
    assertThat(latest())
        .isEqualTo(new Notification(T0, Severity.ERROR, "Scale refused: 3 is below the minimum 4"));
  }

  @Test
  void losingTheConnectionDisablesScaling() {
    show(OPERATOR, 4);
    scaling.connection(
        new ConnectionState.Waiting("cp:18090", 1, Duration.ofSeconds(1), "unreachable"));
    assertThat(scaling.scaleOutDisabledProperty().get()).isTrue();
    assertThat(scaling.reasonProperty().get()).startsWith("Not connected");
  }

  /** The stale dialog: it said 5 -> 6 while the capacity had already become 6. */
  @Test
  void aProposalWhoseCapacityChangedWhileConfirmingIsNotSentAndSaysWhy() {
    show(OPERATOR, 5);
    ScaleProposal out = scaling.proposeScaleOut().orElseThrow();
    scaling.apply(status(T0, backend(6)), "backend"); // autoscale acted meanwhile
    assertThat(scaling.desiredProperty().get()).as("the dialog disables Scale").isEqualTo(6);

    scaling.execute(out, "more room");

    assertThat(sent).isEmpty();
    assertThat(latest().severity()).isEqualTo(Severity.WARNING);
    assertThat(latest().text())
        .isEqualTo(
            "Not sent: backend's capacity changed from 5 to 6 while you confirmed backend: 5 -> 6;"
                + " ask again");
    assertThat(scaling.scaleOutDisabledProperty().get()).isFalse();
  }

  @Test
  void aProposalSaysBeforeConfirmingThatAutoscaleMayUndoIt() {
    show(OPERATOR, 4);
    assertThat(scaling.proposeScaleOut().orElseThrow().warning())
        .contains(
            "Autoscale is on for backend: it may undo this change (it scales out above 75 % CPU"
                + " and in below 25 %).");

    scaling.apply(
        status(
            T0, backend(4).setAutoscale(backend(4).getAutoscale().toBuilder().setEnabled(false))),
        "backend");
    assertThat(scaling.proposeScaleOut().orElseThrow().warning()).isEmpty();
  }

  private Notification latest() {
    return notifications.latestProperty().get().orElseThrow();
  }

  private void show(ConnectionState connection, int capacity) {
    scaling.connection(connection);
    scaling.apply(status(T0, backend(capacity)), "backend");
  }
}
