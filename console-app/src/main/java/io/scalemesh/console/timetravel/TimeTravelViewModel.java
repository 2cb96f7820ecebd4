package io.scalemesh.console.timetravel;

import io.scalemesh.console.client.Failure;
import io.scalemesh.console.client.PastReader;
import io.scalemesh.console.mesh.Timestamps;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.StatusAtRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * Time travel: a position over the last hour of the control plane's clock, 0 being live. Moving it
 * back asks the control plane for the status in force then and hands it to whoever shows statuses;
 * while in the past, live statuses only move "now" (and the "N min ago"), and going back to live
 * hands the latest live status over again. Answers that come after the position moved on are
 * dropped.
 */
public final class TimeTravelViewModel {
  /** How far back the slider reaches: what the control plane keeps. */
  public static final Duration REACH = Duration.ofHours(1);

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Whoever shows statuses: a past one instead of the live ones, or the live ones again. */
  public interface Shows {
    void showPast(MeshStatus status);

    void showLive();
  }

  private final PastReader reader;
  private final Shows shows;
  private final DoubleProperty secondsBack = new SimpleDoubleProperty(0);
  private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper("Live");
  private Optional<Instant> now = Optional.empty();
  private Optional<Instant> viewing = Optional.empty();
  private String problem = "";
  private boolean clamped;

  /** Counts requests, so that only the answer to the last one is shown. */
  private int asked;

  public TimeTravelViewModel(PastReader reader, Shows shows) {
    this.reader = reader;
    this.shows = shows;
  }

  /** A live status arrived: it says what "now" is on the control plane's clock. */
  public void live(MeshStatus status) {
    now = Timestamps.ifSet(status.getObservedAt());
    refreshLabel();
  }

  /**
   * Goes to {@code seconds} before now (the position of the slider, negative or 0); less than a
   * second back is live.
   */
  public void travel(double seconds) {
    secondsBack.set(Math.max(-REACH.toSeconds(), Math.min(0, seconds)));
    if (secondsBack.get() > -1 || now.isEmpty()) {
      backToLive();
      return;
    }
    Instant at = now.get().plusMillis(Math.round(secondsBack.get() * 1000));
    int request = ++asked;
    reader
        .statusAt(StatusAtRequest.newBuilder().setAt(Timestamps.of(at)).build())
        .whenComplete(
            (response, error) -> {
              if (request != asked) {
                return; // the position has moved on
              }
              if (error != null) {
                problem = "cannot show " + CLOCK.format(at) + ": " + Failure.of(error).reason();
                refreshLabel();
                return;
              }
              problem = "";
              // Before the earliest kept, the control plane answers the earliest: say so.
              Instant earliest = Timestamps.toInstant(response.getEarliest());
              clamped = response.hasEarliest() && at.isBefore(earliest);
              viewing = Optional.of(clamped ? earliest : at);
              live.set(false);
              refreshLabel();
              shows.showPast(response.getStatus());
            });
  }

  /** Back to the present: the live status is shown again, and updates with it. */
  public void backToLive() {
    asked++;
    secondsBack.set(0);
    problem = "";
    boolean wasLive = live.get();
    viewing = Optional.empty();
    live.set(true);
    refreshLabel();
    if (!wasLive) {
      shows.showLive();
    }
  }

  private void refreshLabel() {
    if (viewing.isEmpty()) {
      label.set(problem.isEmpty() ? "Live" : problem);
      return;
    }
    Instant at = viewing.get();
    Duration ago = now.map(present -> Duration.between(at, present)).orElse(Duration.ZERO);
    label.set(
        "Viewing "
            + CLOCK.format(at)
            + " UTC \u2014 "
            + (ago.toMinutes() > 0 ? ago.toMinutes() + " min" : ago.toSeconds() + " s")
            + " ago"
            + (clamped ? " (the earliest kept)" : "")
            + (problem.isEmpty() ? "" : " (" + problem + ")"));
  }

  /** The control plane's time of the latest live status, empty before the first. */
  public Optional<Instant> now() {
    return now;
  }

  /** The slider's position in seconds: from minus an hour to 0 (live). */
  public DoubleProperty secondsBackProperty() {
    return secondsBack;
  }

  public ReadOnlyBooleanProperty liveProperty() {
    return live.getReadOnlyProperty();
  }

  public boolean isLive() {
    return live.get();
  }

  public ReadOnlyStringProperty labelProperty() {
    return label.getReadOnlyProperty();
  }
}
