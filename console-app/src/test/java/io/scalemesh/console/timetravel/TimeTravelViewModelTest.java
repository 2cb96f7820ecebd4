package io.scalemesh.console.timetravel;

import static io.scalemesh.console.Statuses.T0;
import static io.scalemesh.console.Statuses.at;
import static io.scalemesh.console.Statuses.backend;
import static io.scalemesh.console.Statuses.ready;
import static io.scalemesh.console.Statuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.StatusAtRequest;
import io.scalemesh.model.console.v1.StatusAtResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Moving back in time, what is asked for and shown, and back to live; without a toolkit. */
class TimeTravelViewModelTest {
  private final List<StatusAtRequest> asked = new ArrayList<>();
  private final List<CompletableFuture<StatusAtResponse>> answers = new ArrayList<>();
  private final List<String> shown = new ArrayList<>();
  private final TimeTravelViewModel timeTravel =
      new TimeTravelViewModel(
          request -> {
            asked.add(request);
            CompletableFuture<StatusAtResponse> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
          },
          new TimeTravelViewModel.Shows() {
            @Override
            public void showPast(MeshStatus status) {
              shown.add("past " + status.getScaleSets(0).getInstancesCount());
            }

            @Override
            public void showLive() {
              shown.add("live");
            }
          });

  @Test
  void movingBackAsksForThatMomentOfTheControlPlanesClockAndShowsTheAnswer() {
    timeTravel.live(status(T0.plus(Duration.ofMinutes(30)), backend(3)));

    timeTravel.travel(-12 * 60);

    assertThat(asked).containsExactly(request(T0.plus(Duration.ofMinutes(18))));
    assertThat(timeTravel.isLive()).isTrue(); // until the answer comes
    answers.getFirst().complete(answer(2));
    assertThat(shown).containsExactly("past 2");
    assertThat(timeTravel.isLive()).isFalse();
    assertThat(timeTravel.labelProperty().get())
        .isEqualTo("Viewing 12:18:00 UTC \u2014 12 min ago");

    // Live statuses keep coming: they move "now", not what is shown.
    timeTravel.live(status(T0.plus(Duration.ofMinutes(33)), backend(5)));
    assertThat(shown).containsExactly("past 2");
    assertThat(timeTravel.labelProperty().get()).endsWith("15 min ago");
  }

  @Test
  void beforeTheEarliestKeptItSaysWhichMomentItShows() {
    timeTravel.live(status(T0.plus(Duration.ofMinutes(30)), backend(3)));

    timeTravel.travel(-50 * 60);
    answers
        .getFirst()
        .complete(answer(2).toBuilder().setEarliest(at(T0.plus(Duration.ofMinutes(10)))).build());

    assertThat(timeTravel.labelProperty().get())
        .isEqualTo("Viewing 12:10:00 UTC \u2014 20 min ago (the earliest kept)");
  }

  @Test
  void backToLiveShowsTheLiveStatusAgainAndPutsTheSliderAtNow() {
    timeTravel.live(status(T0, backend(3)));
    timeTravel.travel(-90);
    answers.getFirst().complete(answer(2));

    timeTravel.backToLive();

    assertThat(shown).containsExactly("past 2", "live");
    assertThat(timeTravel.isLive()).isTrue();
    assertThat(timeTravel.secondsBackProperty().get()).isZero();
    assertThat(timeTravel.labelProperty().get()).isEqualTo("Live");
  }

  @Test
  void anAnswerToAPositionAlreadyLeftIsDropped() {
    timeTravel.live(status(T0, backend(3)));
    timeTravel.travel(-600);
    timeTravel.travel(-60);

    answers.get(1).complete(answer(1));
    answers.get(0).complete(answer(9));
    assertThat(shown).containsExactly("past 1");

    timeTravel.travel(-300);
    timeTravel.backToLive(); // before the answer
    answers.get(2).complete(answer(7));
    assertThat(shown).containsExactly("past 1", "live");
    assertThat(timeTravel.isLive()).isTrue();
  }

  @Test
  void theSliderNearNowIsLiveAndAFailedRequestSaysWhyAndShowsNothing() {
    timeTravel.live(status(T0, backend(3)));
    timeTravel.travel(-0.4);
    assertThat(asked).isEmpty();
    assertThat(timeTravel.isLive()).isTrue();

    timeTravel.travel(-120);
    answers.getFirst().completeExceptionally(Status.UNAVAILABLE.asRuntimeException());

    assertThat(shown).isEmpty();
    assertThat(timeTravel.labelProperty().get()).startsWith("cannot show 11:58:00: ");
  }

  @Test
  void theSliderReachesBackToTheEarliestTheControlPlaneKeepsAndNoFurther() {
    // A control plane that started five minutes before the console connected.
    timeTravel.newStream(status(T0.plus(Duration.ofMinutes(30)), backend(3)));

    // It is asked once, at the stream's first status, what it keeps; until it says, nothing.
    assertThat(asked).containsExactly(request(T0.plus(Duration.ofMinutes(30))));
    assertThat(timeTravel.minimumProperty().get()).isZero();
    answers.getFirst().complete(kept(T0.plus(Duration.ofMinutes(25))));
    assertThat(shown).isEmpty(); // that answer only says the range
    assertThat(timeTravel.isLive()).isTrue();
    assertThat(timeTravel.minimumProperty().get()).isEqualTo(-300);
    assertThat(timeTravel.reachLabelProperty().get()).isEqualTo("-5 min");

    // Now moves on: the range widens with it.
    timeTravel.live(status(T0.plus(Duration.ofMinutes(32)), backend(3)));
    assertThat(timeTravel.minimumProperty().get()).isEqualTo(-420);

    // Further back than that asks for the earliest kept.
    timeTravel.travel(-3_000);
    assertThat(timeTravel.secondsBackProperty().get()).isEqualTo(-420);
    assertThat(asked.getLast()).isEqualTo(request(T0.plus(Duration.ofMinutes(25))));

    // An hour after the earliest, the slider spans the hour.
    timeTravel.backToLive();
    timeTravel.live(status(T0.plus(Duration.ofMinutes(100)), backend(3)));
    assertThat(timeTravel.minimumProperty().get()).isEqualTo(-3_600);
    assertThat(timeTravel.reachLabelProperty().get()).isEqualTo("-60 min");
  }

  @Test
  void eachAnswerSaysWhatIsKeptNowAndTheRangeNeverMovesAViewOfThePast() {
    timeTravel.newStream(status(T0.plus(Duration.ofMinutes(30)), backend(3)));
    answers.getFirst().complete(kept(T0));
    timeTravel.travel(-20 * 60);

    // The control plane dropped its oldest frames meanwhile (its byte budget): it says so.
    answers
        .get(1)
        .complete(answer(2).toBuilder().setEarliest(at(T0.plus(Duration.ofMinutes(22)))).build());

    // The slider is at -20 min and stays there; it reaches no further back.
    assertThat(timeTravel.secondsBackProperty().get()).isEqualTo(-1_200);
    assertThat(timeTravel.minimumProperty().get()).isEqualTo(-1_200);
    timeTravel.backToLive();
    timeTravel.live(status(T0.plus(Duration.ofMinutes(30)), backend(3)));
    assertThat(timeTravel.minimumProperty().get()).isEqualTo(-480);
  }

  @Test
  void aControlPlaneThatCannotSayWhatItKeepsLeavesTheSliderAnHour() {
    timeTravel.newStream(status(T0, backend(3)));

    answers.getFirst().completeExceptionally(Status.UNIMPLEMENTED.asRuntimeException());

    assertThat(timeTravel.minimumProperty().get()).isEqualTo(-3_600);
    assertThat(timeTravel.labelProperty().get()).isEqualTo("Live");
  }

  @Test
  void theMomentViewedIsExposedForTheChartsAndGoneWhenBackToLive() {
    timeTravel.live(status(T0.plus(Duration.ofMinutes(30)), backend(3)));
    timeTravel.travel(-12 * 60);
    assertThat(timeTravel.viewingProperty().get()).isEmpty(); // until the answer
    answers.getFirst().complete(answer(2));

    assertThat(timeTravel.viewingProperty().get()).contains(T0.plus(Duration.ofMinutes(18)));
    timeTravel.backToLive();
    assertThat(timeTravel.viewingProperty().get()).isEmpty();
  }

  private static StatusAtResponse kept(java.time.Instant earliest) {
    return answer(3).toBuilder().setEarliest(at(earliest)).build();
  }

  private static StatusAtRequest request(java.time.Instant moment) {
    return StatusAtRequest.newBuilder().setAt(at(moment)).build();
  }

  private static StatusAtResponse answer(int instances) {
    List<io.scalemesh.model.console.v1.Instance> list = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      list.add(ready("backend_" + i, 10));
    }
    return StatusAtResponse.newBuilder()
        .setStatus(
            status(
                T0,
                backend(instances, list.toArray(io.scalemesh.model.console.v1.Instance[]::new))))
        .build();
  }
}
