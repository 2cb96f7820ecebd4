package io.scalemesh.console.timetravel;

import io.scalemesh.console.client.Failure;
import io.scalemesh.console.client.PastReader;
import io.scalemesh.console.mesh.Timestamps;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.StatusAtRequest;
import io.scalemesh.model.console.v1.StatusAtResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * Time travel: a position over the last hour of the control plane's clock, 0 being live. Moving it
 * back asks the control plane for the status in force then and hands it to whoever shows statuses;
 * while in the past, live statuses only move "now" (and the "N min ago"), and going back to live
 * hands the latest live status over again. Answers that come after the position moved on are
 * dropped.
 *
 * <p>The slider reaches back as far as the control plane keeps ({@link #minimumProperty()}): to the
 * {@code earliest} it reported, at most an hour. A new stream asks once for that range (the status
 * in force at its first status, which is not shown); every answer after that brings it up to date,
 * and between answers "now" moving on widens it, until it is an hour.
 */
public final class TimeTravelViewModel {
  /** The most the slider reaches back: what the control plane keeps at most. */
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

  /** An hour until a stream says what its control plane keeps. */
  private final ReadOnlyDoubleWrapper minimum = new ReadOnlyDoubleWrapper(-REACH.toSeconds());

  /** What the left end of the slider is: "-60 min", "-5 min", "-40 s". */
  private final ReadOnlyStringWrapper reachLabel = new ReadOnlyStringWrapper("-60 min");

  /** The earliest moment the control plane said it can show, empty until it said. */
  private Optional<Instant> earliest = Optional.empty();

  /** Counts the questions for the range, so that one from an earlier stream is dropped. */
  private int rangeAsked;

  private Optional<Instant> now = Optional.empty();
  private final ReadOnlyObjectWrapper<Optional<Instant>> viewing =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private String problem = "";
  private boolean clamped;

  /** Counts requests, so that only the answer to the last one is shown. */
  private int asked;

  public TimeTravelViewModel(PastReader reader, Shows shows) {
    this.reader = reader;
    this.shows = shows;
    minimum.addListener((property, before, after) -> reachLabel.set(reach(after.doubleValue())));
  }

  private static String reach(double minimum) {
    long seconds = Math.round(-minimum);
    return seconds >= 60 ? "-" + seconds / 60 + " min" : seconds > 0 ? "-" + seconds + " s" : "now";
  }

  /** A live status arrived: it says what "now" is on the control plane's clock. */
  public void live(MeshStatus status) {
    now = Timestamps.ifSet(status.getObservedAt());
    refreshMinimum();
    refreshLabel();
  }

  /**
   * A new stream began with {@code status}, perhaps from another control plane: back to live, and
   * ask once what range of the past it keeps (the slider reaches nowhere until it answers; an hour
   * if it cannot).
   */
  public void newStream(MeshStatus status) {
    backToLive();
    earliest = Optional.empty();
    live(status);
    if (now.isEmpty()) {
      return;
    }
    int question = ++rangeAsked;
    minimum.set(0);
    reader
        .statusAt(StatusAtRequest.newBuilder().setAt(status.getObservedAt()).build())
        .whenComplete(
            (response, error) -> {
              if (question != rangeAsked) {
                return;
              }
              if (error != null || !response.hasEarliest()) {
                // As before this question: an hour; the answer to a move says what is kept.
                minimum.set(-REACH.toSeconds());
                return;
              }
              kept(response);
            });
  }

  /** An answer from the control plane says what it keeps now. */
  private void kept(StatusAtResponse response) {
    if (response.hasEarliest()) {
      earliest = Optional.of(Timestamps.toInstant(response.getEarliest()));
      refreshMinimum();
    }
  }

  /**
   * From the earliest kept to now, at most {@link #REACH}; never above where the slider is, so that
   * the range catching up does not move a view of the past.
   */
  private void refreshMinimum() {
    if (earliest.isEmpty() || now.isEmpty()) {
      return;
    }
    double back =
        Math.min(REACH.toSeconds(), Duration.between(earliest.get(), now.get()).toSeconds());
    minimum.set(Math.min(-Math.max(0, back), secondsBack.get()));
  }

  /**
   * Goes to {@code seconds} before now (the position of the slider, negative or 0); less than a
   * second back is live.
   */
  public void travel(double seconds) {
    secondsBack.set(Math.max(minimum.get(), Math.min(0, seconds)));
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
              kept(response);
              // Before the earliest kept, the control plane answers the earliest: say so.
              Instant first = Timestamps.toInstant(response.getEarliest());
              clamped = response.hasEarliest() && at.isBefore(first);
              viewing.set(Optional.of(clamped ? first : at));
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
    viewing.set(Optional.empty());
    live.set(true);
    refreshLabel();
    if (!wasLive) {
      shows.showLive();
    }
  }

  private void refreshLabel() {
    if (viewing.get().isEmpty()) {
      label.set(problem.isEmpty() ? "Live" : problem);
      return;
    }
    Instant at = viewing.get().get();
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

  /**
   * How far back the slider reaches, in seconds (negative, or 0 when nothing is kept before now):
   * the earliest moment the control plane keeps, at most an hour.
   */
  public ReadOnlyDoubleProperty minimumProperty() {
    return minimum.getReadOnlyProperty();
  }

  /** The left end of the slider in words: "-60 min", "-5 min", "-40 s", "now". */
  public ReadOnlyStringProperty reachLabelProperty() {
    return reachLabel.getReadOnlyProperty();
  }

  /** The slider's position in seconds: from {@link #minimumProperty()} to 0 (live). */
  public DoubleProperty secondsBackProperty() {
    return secondsBack;
  }

  /**
   * The moment shown, on the control plane's clock (the one asked for, or the earliest kept when
   * that was older); empty while live.
   */
  public ReadOnlyObjectProperty<Optional<Instant>> viewingProperty() {
    return viewing.getReadOnlyProperty();
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
