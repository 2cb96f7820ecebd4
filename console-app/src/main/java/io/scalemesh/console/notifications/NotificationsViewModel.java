package io.scalemesh.console.notifications;

import io.scalemesh.console.notifications.Notification.Severity;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.time.InstantSource;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The notification area: outcomes of the operator's requests, warnings, reports of every scale
 * action and what the proxies saw of each scale event, newest first, at most {@value #KEPT}. It is
 * never hidden: the newest line is always on screen and the earlier ones a click away.
 */
public final class NotificationsViewModel implements Notifier {
  static final int KEPT = 50;

  private final InstantSource clock;
  private final ScaleReports scaleReports = new ScaleReports();
  private final ObservableList<Notification> all = FXCollections.observableArrayList();
  private final ObservableList<Notification> readOnlyAll =
      FXCollections.unmodifiableObservableList(all);
  private final ReadOnlyObjectWrapper<Optional<Notification>> latest =
      new ReadOnlyObjectWrapper<>(Optional.empty());

  /**
   * @param clock this computer's clock: a notification says when the console heard of it
   */
  public NotificationsViewModel(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public void notify(Severity severity, String text) {
    Notification notification = new Notification(clock.instant(), severity, text);
    all.addFirst(notification);
    if (all.size() > KEPT) {
      all.removeLast();
    }
    latest.set(Optional.of(notification));
  }

  /**
   * Reports scale actions as the status shows them start, progress and end, and the scale events
   * that settled since the previous update (a new stream's history is not reported again).
   */
  public void apply(WatchUpdate update) {
    if (update.hasHistory()) {
      scaleReports.reset(); // a new stream: what it shows first is where it stands
    }
    scaleReports.apply(update.getStatus(), this);
    ScaleEventReports.apply(update.getEventsList(), this);
  }

  /** Every notification kept, newest first. */
  public ObservableList<Notification> all() {
    return readOnlyAll;
  }

  public ReadOnlyObjectProperty<Optional<Notification>> latestProperty() {
    return latest.getReadOnlyProperty();
  }
}
