package io.scalemesh.console.notifications;

import static io.scalemesh.console.Statuses.T0;
import static io.scalemesh.console.Statuses.at;
import static io.scalemesh.console.Statuses.backend;
import static io.scalemesh.console.Statuses.status;
import static io.scalemesh.console.Statuses.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.console.notifications.Notification.Severity;
import io.scalemesh.model.console.v1.Event;
import io.scalemesh.model.console.v1.EventKind;
import io.scalemesh.model.console.v1.History;
import io.scalemesh.model.console.v1.ScaleAction;
import io.scalemesh.model.console.v1.ScaleEventReport;
import io.scalemesh.model.console.v1.ScaleProgress;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The notification area: outcomes, warnings and every scale action, newest first. */
class NotificationsViewModelTest {
  private final NotificationsViewModel notifications =
      new NotificationsViewModel(InstantSource.fixed(T0));

  @Test
  void beforeAnythingHappensThereIsNothingAndTheFirstStatusIsOnlyTheBaseline() {
    assertThat(notifications.latestProperty().get()).isEmpty();
    notifications.apply(first(action("ops", 2, 3, T0, ScaleProgress.SCALE_PROGRESS_SUCCEEDED)));
    assertThat(notifications.all()).isEmpty();
  }

  /** The issue: the autoscaler undid an operator's change a second later without a word. */
  @Test
  void autoscaleUndoingAnOperatorsChangeIsAWarningAndEveryProgressIsReported() {
    Instant asked = T0.plusSeconds(10);
    notifications.apply(first(action("ops", 2, 3, T0, ScaleProgress.SCALE_PROGRESS_SUCCEEDED)));
    notifications.apply(next(action("ops", 3, 4, asked, ScaleProgress.SCALE_PROGRESS_IN_PROGRESS)));
    notifications.apply(next(action("ops", 3, 4, asked, ScaleProgress.SCALE_PROGRESS_SUCCEEDED)));
    notifications.apply(
        next(
            action(
                "autoscale",
                4,
                3,
                asked.plusSeconds(1),
                ScaleProgress.SCALE_PROGRESS_IN_PROGRESS)));

    assertThat(notifications.all())
        .extracting(Notification::severity, Notification::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Severity.WARNING, "backend: autoscale scaled 4 -> 3 (why), in progress"),
            org.assertj.core.groups.Tuple.tuple(
                Severity.INFO, "backend: ops scaled 3 -> 4 (why), done"),
            org.assertj.core.groups.Tuple.tuple(
                Severity.INFO, "backend: ops scaled 3 -> 4 (why), in progress"));
  }

  @Test
  void aFailedScaleActionIsAnErrorWithItsReason() {
    notifications.apply(first(action("ops", 2, 3, T0, ScaleProgress.SCALE_PROGRESS_SUCCEEDED)));
    notifications.apply(
        next(
            action("ops", 3, 4, T0.plusSeconds(5), ScaleProgress.SCALE_PROGRESS_FAILED).toBuilder()
                .setFailure("quota exceeded")
                .build()));
    assertThat(notifications.latestProperty().get().orElseThrow())
        .isEqualTo(
            new Notification(
                T0, Severity.ERROR, "backend: ops scaled 3 -> 4 (why), failed: quota exceeded"));
  }

  @Test
  void onlyTheNewestAreKept() {
    for (int i = 0; i < NotificationsViewModel.KEPT + 5; i++) {
      notifications.notify(Severity.INFO, "line " + i);
    }
    assertThat(notifications.all()).hasSize(NotificationsViewModel.KEPT);
    assertThat(notifications.all().getFirst().text()).isEqualTo("line 54");
  }

  private static ScaleAction action(
      String actor, int from, int to, Instant at, ScaleProgress progress) {
    return ScaleAction.newBuilder()
        .setActor(actor)
        .setFromCapacity(from)
        .setToCapacity(to)
        .setAt(at(at))
        .setReason("why")
        .setProgress(progress)
        .build();
  }

  private static WatchUpdate first(ScaleAction action) {
    return next(action).toBuilder().setHistory(History.getDefaultInstance()).build();
  }

  private static WatchUpdate next(ScaleAction action) {
    return update(status(T0, backend(3).setLastScaleAction(action)));
  }

  /** The issue: "A notification area for outcomes, warnings and the scale-event reports". */
  @Test
  void aSettledScaleEventSaysWhatTheProxiesSawAndIsAWarningWhenCallsFailed() {
    notifications.apply(first(action("ops", 2, 3, T0, ScaleProgress.SCALE_PROGRESS_SUCCEEDED)));
    notifications.apply(
        update(
            status(T0.plusSeconds(20), backend(3)),
            report("scale-out 2 -> 3", 1234, 0, Map.of(), 1),
            report(
                "scale-in 3 -> 2",
                2000,
                7,
                Map.of("backend_1", 1L, "backend_2", 4L, "backend_3", 1L, "backend_4", 1L),
                2)));

    assertThat(notifications.all())
        .extracting(Notification::severity, Notification::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Severity.WARNING,
                "backend: scale-in 3 -> 2 settled: 2,000 calls, 7 failed (backend_2 4, backend_1 1,"
                    + " backend_3 1 and 1 more), from 2 proxies"),
            org.assertj.core.groups.Tuple.tuple(
                Severity.INFO,
                "backend: scale-out 2 -> 3 settled: 1,234 calls, 0 failed, from 1 proxy"));
  }

  private static Event report(
      String change, long calls, long failed, Map<String, Long> byInstance, int proxies) {
    return Event.newBuilder()
        .setAt(at(T0.plusSeconds(20)))
        .setKind(EventKind.EVENT_KIND_SCALE_EVENT_REPORT)
        .setScaleSet("backend")
        .setMessage(change + " settled")
        .setScaleEventReport(
            ScaleEventReport.newBuilder()
                .setChange(change)
                .setCalls(calls)
                .setFailed(failed)
                .putAllFailedByInstance(byInstance)
                .setProxies(proxies))
        .build();
  }
}
