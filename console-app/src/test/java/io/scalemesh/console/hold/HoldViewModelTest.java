package io.scalemesh.console.hold;

import static io.scalemesh.console.Statuses.T0;
import static io.scalemesh.console.Statuses.at;
import static io.scalemesh.console.Statuses.backend;
import static io.scalemesh.console.Statuses.ready;
import static io.scalemesh.console.Statuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.scalemesh.console.client.ConnectionState;
import io.scalemesh.model.console.v1.ReleaseHoldRequest;
import io.scalemesh.model.console.v1.ReleaseHoldResponse;
import io.scalemesh.model.console.v1.RemovalHold;
import io.scalemesh.model.console.v1.ScaleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the hold banner says, when Release is offered, and what a confirmed release sends. */
class HoldViewModelTest {
  private static final ConnectionState OPERATOR = new ConnectionState.Live("cp:18090", "ops", true);
  private static final ConnectionState VIEWER =
      new ConnectionState.Live("cp:18090", "dashboards", false);

  private final List<ReleaseHoldRequest> sent = new ArrayList<>();
  private final CompletableFuture<ReleaseHoldResponse> pending = new CompletableFuture<>();
  private final HoldViewModel hold =
      new HoldViewModel(
          request -> {
            sent.add(request);
            return pending;
          });

  @Test
  void withoutAHoldTheBannerIsHiddenAndThereIsNothingToRelease() {
    hold.connection(OPERATOR);
    hold.apply(status(T0, backend(4, ready("backend-1", 10))), "backend");

    assertThat(hold.anyHeldProperty().get()).isFalse();
    assertThat(hold.headlineProperty().get()).isEmpty();
    assertThat(hold.releaseDisabledProperty().get()).isTrue();
    assertThat(hold.proposeRelease()).isEmpty();
  }

  @Test
  void aHoldThatEndsByItselfSaysHowManyVanishedSinceWhenUntilWhenAndWhich() {
    hold.connection(OPERATOR);
    hold.apply(
        status(
            T0,
            backend(4, ready("vm-1", 10))
                .setRemovalHold(
                    removal(T0.minusSeconds(150)).setReleasesAt(at(T0.plusSeconds(450))))),
        "backend");

    assertThat(hold.anyHeldProperty().get()).isTrue();
    assertThat(hold.headlineProperty().get())
        .isEqualTo(
            "Routing frozen for backend: 3 of 4 ready instances vanished from discovery at once, and stay routed until the hold ends");
    assertThat(hold.timingProperty().get())
        .isEqualTo(
            "Held since 2026-01-01 11:57:30 UTC (2 min 30 s ago). "
                + "Releases by itself at 2026-01-01 12:07:30 UTC (in 7 min 30 s) if they stay gone.");
    assertThat(hold.vanishedProperty().get()).isEqualTo("Vanished: vm-2, vm-3, vm-4");
    assertThat(hold.vanishedListProperty().get()).isEqualTo("vm-2\nvm-3\nvm-4");
    assertThat(hold.releaseDisabledProperty().get()).isFalse();
    assertThat(hold.reasonProperty().get()).isEmpty();
  }

  @Test
  void aHoldWithoutAnEndSaysOnlyAnOperatorReleasesIt() {
    hold.connection(OPERATOR);
    hold.apply(status(T0, backend(4).setRemovalHold(removal(T0.minusSeconds(5)))), "backend");

    assertThat(hold.timingProperty().get())
        .isEqualTo(
            "Held since 2026-01-01 11:59:55 UTC (5 s ago). Only an operator can release it.");
  }

  @Test
  void manyVanishedInstancesAreCountedInTheBannerAndAllListedInTheTooltip() {
    List<String> names = IntStream.rangeClosed(1, 10).mapToObj(n -> "vm-" + n).toList();
    hold.apply(
        status(
            T0,
            backend(12)
                .setRemovalHold(
                    removal(T0)
                        .setGone(10)
                        .setRoutable(12)
                        .clearInstances()
                        .addAllInstances(names))),
        "backend");

    assertThat(hold.vanishedProperty().get())
        .isEqualTo("Vanished: vm-1, vm-2, vm-3, vm-4, vm-5, vm-6 and 4 more");
    assertThat(hold.vanishedListProperty().get().lines()).containsExactlyElementsOf(names);
  }

  @Test
  void aViewerSeesReleaseDisabledWithTheReason() {
    hold.connection(VIEWER);
    hold.apply(status(T0, backend(4).setRemovalHold(removal(T0))), "backend");

    assertThat(hold.anyHeldProperty().get()).isTrue();
    assertThat(hold.releaseDisabledProperty().get()).isTrue();
    assertThat(hold.reasonProperty().get())
        .isEqualTo(
            "Read-only: dashboards has a viewer token, releasing a hold needs an operator's");
    assertThat(hold.proposeRelease()).isEmpty();
  }

  @Test
  void whileDisconnectedReleaseWaitsForLiveData() {
    hold.connection(OPERATOR);
    hold.apply(status(T0, backend(4).setRemovalHold(removal(T0))), "backend");
    hold.connection(
        new ConnectionState.Waiting("cp:18090", 1, Duration.ofSeconds(1), "unreachable"));

    assertThat(hold.releaseDisabledProperty().get()).isTrue();
    assertThat(hold.reasonProperty().get())
        .isEqualTo("Not connected: releasing a hold waits for live data");
  }

  @Test
  void aHoldOfAnotherScaleSetShowsTheBannerButOnlyItsOwnScaleSetReleasesIt() {
    hold.connection(OPERATOR);
    ScaleSet.Builder api = backend(4).setName("api").setRemovalHold(removal(T0));
    hold.apply(status(T0, backend(4), api), "backend");

    assertThat(hold.anyHeldProperty().get()).isTrue();
    assertThat(hold.headlineProperty().get())
        .isEqualTo(
            "Routing frozen for api: choose it under Scale set to see the hold and release it");
    assertThat(hold.releaseDisabledProperty().get()).isTrue();
    assertThat(hold.reasonProperty().get()).isEqualTo("Nothing is held for the selected scale set");

    hold.apply(status(T0, backend(4), api), "api");
    assertThat(hold.headlineProperty().get()).startsWith("Routing frozen for api: 3 of 4");
    assertThat(hold.releaseDisabledProperty().get()).isFalse();
  }

  @Test
  void aConfirmedReleaseIsSentWithItsReasonAndReleaseWaitsForItsOutcome() {
    hold.connection(OPERATOR);
    hold.apply(status(T0, backend(4).setRemovalHold(removal(T0))), "backend");
    HeldRemoval held = hold.proposeRelease().orElseThrow();
    assertThat(held.consequence()).isEqualTo("3 instances will be removed from routing now");

    hold.execute(held, "  the scale-in was real ");

    assertThat(sent)
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.getScaleSet()).isEqualTo("backend");
              assertThat(request.getReason()).isEqualTo("the scale-in was real");
            });
    assertThat(hold.releaseDisabledProperty().get()).isTrue();
    assertThat(hold.reasonProperty().get()).isEqualTo("A release is in progress");

    pending.complete(ReleaseHoldResponse.newBuilder().setReleased(true).build());
    assertThat(hold.outcomeProperty().get())
        .isEqualTo("Released the hold of backend: 3 removed from routing");

    hold.apply(status(T0.plusSeconds(1), backend(4)), "backend");
    assertThat(hold.anyHeldProperty().get()).isFalse();
    assertThat(hold.outcomeProperty().get()).as("a later hold starts without it").isEmpty();
  }

  @Test
  void aRefusalIsShownWithTheControlPlanesWordsAndReleaseIsOfferedAgain() {
    hold.connection(OPERATOR);
    hold.apply(status(T0, backend(4).setRemovalHold(removal(T0))), "backend");

    hold.execute(hold.proposeRelease().orElseThrow(), "");
    assertThat(sent.getFirst().getReason()).isEqualTo("manual, from the console");
    pending.completeExceptionally(
        Status.PERMISSION_DENIED
            .withDescription("dashboards is a viewer; releasing a hold needs the operator role")
            .asRuntimeException());

    assertThat(hold.outcomeProperty().get())
        .isEqualTo(
            "Release refused: dashboards is a viewer; releasing a hold needs the operator role");
    assertThat(hold.releaseDisabledProperty().get()).isFalse();
  }

  @Test
  void aReleaseThatFoundNothingHeldSaysSo() {
    hold.connection(OPERATOR);
    hold.apply(status(T0, backend(4).setRemovalHold(removal(T0))), "backend");

    hold.execute(hold.proposeRelease().orElseThrow(), "why");
    pending.complete(ReleaseHoldResponse.newBuilder().setReleased(false).build());

    assertThat(hold.outcomeProperty().get())
        .isEqualTo("Nothing was held any more: the removal had already been published");
  }

  /** 3 of 4 ready instances gone since {@code since}, held until an operator releases them. */
  private static RemovalHold.Builder removal(Instant since) {
    return RemovalHold.newBuilder()
        .setSince(at(since))
        .setGone(3)
        .setRoutable(4)
        .addInstances("vm-2")
        .addInstances("vm-3")
        .addInstances("vm-4");
  }
}
