package io.scalemesh.console.notifications;

import io.scalemesh.console.mesh.Timestamps;
import io.scalemesh.console.notifications.Notification.Severity;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.ScaleAction;
import io.scalemesh.model.console.v1.ScaleProgress;
import io.scalemesh.model.console.v1.ScaleSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reports each scale set's scale actions as they happen and as they progress, whoever asked for
 * them: an operator must hear that autoscale undid a change a second after it was made. Actions
 * older than the first status of a connection are not reported (they are history, on the
 * dashboard).
 */
final class ScaleReports {
  /** What was reported of a scale set's last action: when it was asked for, how far it had got. */
  private record Reported(Instant at, ScaleProgress progress, String actor, int from, int to) {}

  private final Map<String, Reported> reported = new HashMap<>();
  private boolean baseline = true;

  void apply(MeshStatus status, Notifier notifier) {
    for (ScaleSet scaleSet : status.getScaleSetsList()) {
      if (!scaleSet.hasLastScaleAction()) {
        continue;
      }
      ScaleAction action = scaleSet.getLastScaleAction();
      Reported now =
          new Reported(
              Timestamps.toInstant(action.getAt()),
              action.getProgress(),
              action.getActor(),
              action.getFromCapacity(),
              action.getToCapacity());
      Reported before = reported.put(scaleSet.getName(), now);
      if (baseline || now.equals(before)) {
        continue;
      }
      boolean sameAction = before != null && before.at().equals(now.at());
      notifier.notify(severity(before, now, sameAction), describe(scaleSet.getName(), action));
    }
    baseline = false;
  }

  /** A failure is an error; autoscale reversing someone else's change is a warning. */
  private static Severity severity(Reported before, Reported now, boolean sameAction) {
    if (now.progress() == ScaleProgress.SCALE_PROGRESS_FAILED) {
      return Severity.ERROR;
    }
    boolean undoes =
        !sameAction
            && before != null
            && !before.actor().equals(now.actor())
            && Integer.signum(now.to() - now.from())
                == -Integer.signum(before.to() - before.from());
    return undoes ? Severity.WARNING : Severity.INFO;
  }

  private static String describe(String scaleSet, ScaleAction action) {
    return scaleSet
        + ": "
        + action.getActor()
        + " scaled "
        + action.getFromCapacity()
        + " -> "
        + action.getToCapacity()
        + (action.getReason().isEmpty() ? "" : " (" + action.getReason() + ")")
        + switch (action.getProgress()) {
          case SCALE_PROGRESS_IN_PROGRESS -> ", in progress";
          case SCALE_PROGRESS_SUCCEEDED -> ", done";
          case SCALE_PROGRESS_FAILED -> ", failed: " + action.getFailure();
          default -> "";
        };
  }

  /** A new connection: its first status is the new baseline. */
  void reset() {
    reported.clear();
    baseline = true;
  }
}
