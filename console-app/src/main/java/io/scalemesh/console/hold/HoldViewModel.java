package io.scalemesh.console.hold;

import io.scalemesh.console.client.ConnectionState;
import io.scalemesh.console.client.Failure;
import io.scalemesh.console.client.HoldReleaser;
import io.scalemesh.console.client.OperatorAccess;
import io.scalemesh.console.mesh.Durations;
import io.scalemesh.console.mesh.Timestamps;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.ReleaseHoldRequest;
import io.scalemesh.model.console.v1.ReleaseHoldResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Mass removals the control plane holds back: whether any is held (the banner shows), what the one
 * of the selected scale set is (how many instances vanished, since when, until when, which),
 * whether an operator may release it now and why not, and the outcome of the last release. Times
 * are measured on the control plane's clock, which the demo runs faster than real time.
 */
public final class HoldViewModel {
  /**
   * Vanished instances named in the banner; the rest are counted, and the full list is a tooltip.
   */
  static final int NAMES_SHOWN = 6;

  private final HoldReleaser releaser;
  private final ReadOnlyBooleanWrapper anyHeld = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper timing = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper vanished = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper vanishedList = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper releaseDisabled = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");

  private OperatorAccess access = OperatorAccess.NOT_LIVE;
  private boolean busy;
  private Optional<HeldRemoval> selected = Optional.empty();

  public HoldViewModel(HoldReleaser releaser) {
    this.releaser = releaser;
    refresh();
  }

  public void connection(ConnectionState state) {
    access = OperatorAccess.of(state);
    refresh();
  }

  public void apply(MeshStatus status, String selectedScaleSet) {
    Instant now = Timestamps.toInstant(status.getObservedAt());
    List<HeldRemoval> holds =
        status.getScaleSetsList().stream().map(HeldRemoval::of).flatMap(Optional::stream).toList();
    selected = holds.stream().filter(hold -> hold.scaleSet().equals(selectedScaleSet)).findFirst();
    List<String> elsewhere =
        holds.stream()
            .map(HeldRemoval::scaleSet)
            .filter(name -> !name.equals(selectedScaleSet))
            .toList();
    anyHeld.set(!holds.isEmpty());
    headline.set(
        selected
            .map(HoldViewModel::headline)
            .orElse(
                elsewhere.isEmpty()
                    ? ""
                    : "Routing frozen for "
                        + String.join(", ", elsewhere)
                        + ": choose it under Scale set to see the hold and release it"));
    timing.set(selected.map(hold -> timing(hold, now)).orElse(""));
    vanished.set(selected.map(HoldViewModel::vanished).orElse(""));
    vanishedList.set(selected.map(hold -> String.join("\n", hold.instances())).orElse(""));
    if (holds.isEmpty() && !busy) {
      outcome.set("");
    }
    refresh();
  }

  private static String headline(HeldRemoval hold) {
    return "Routing frozen for "
        + hold.scaleSet()
        + ": "
        + hold.gone()
        + " of "
        + hold.routable()
        + " ready instances vanished from discovery at once, and stay routed until the hold ends";
  }

  private static String timing(HeldRemoval hold, Instant now) {
    return "Held since "
        + Timestamps.UTC.format(hold.since())
        + " UTC ("
        + Durations.humanize(Duration.between(hold.since(), now))
        + " ago). "
        + hold.releasesAt()
            .map(
                at ->
                    "Releases by itself at "
                        + Timestamps.UTC.format(at)
                        + " UTC (in "
                        + Durations.humanize(Duration.between(now, at))
                        + ") if they stay gone.")
            .orElse("Only an operator can release it.");
  }

  private static String vanished(HeldRemoval hold) {
    List<String> names = hold.instances();
    String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
    return "Vanished: "
        + shown
        + (names.size() > NAMES_SHOWN ? " and " + (names.size() - NAMES_SHOWN) + " more" : "");
  }

  /** The selected scale set's hold, to confirm releasing; empty when it cannot be released now. */
  public Optional<HeldRemoval> proposeRelease() {
    return blocked().isPresent() ? Optional.empty() : selected;
  }

  /** Sends a confirmed release; the outcome shows in {@link #outcomeProperty()} when it ends. */
  public CompletionStage<Void> execute(HeldRemoval hold, String why) {
    busy = true;
    outcome.set("Releasing the hold of " + hold.scaleSet() + " ...");
    refresh();
    ReleaseHoldRequest request =
        ReleaseHoldRequest.newBuilder()
            .setScaleSet(hold.scaleSet())
            .setReason(why.isBlank() ? "manual, from the console" : why.strip())
            .build();
    return releaser
        .releaseHold(request)
        .handle(
            (response, error) -> {
              busy = false;
              outcome.set(
                  error == null
                      ? describe(response, hold)
                      : "Release refused: " + Failure.of(error).reason());
              refresh();
              return null;
            });
  }

  private static String describe(ReleaseHoldResponse response, HeldRemoval hold) {
    return response.getReleased()
        ? "Released the hold of " + hold.scaleSet() + ": " + hold.gone() + " removed from routing"
        : "Nothing was held any more: the removal had already been published";
  }

  /** Why the selected scale set's hold cannot be released now; empty when it can. */
  private Optional<String> blocked() {
    return access
        .blocked("releasing a hold")
        .or(
            () ->
                selected.isEmpty()
                    ? Optional.of("Nothing is held for the selected scale set")
                    : Optional.empty())
        .or(() -> busy ? Optional.of("A release is in progress") : Optional.empty());
  }

  private void refresh() {
    Optional<String> blocked = blocked();
    releaseDisabled.set(blocked.isPresent());
    reason.set(blocked.orElse(""));
  }

  /** Whether any scale set has a held removal: the banner shows while one has. */
  public ReadOnlyBooleanProperty anyHeldProperty() {
    return anyHeld.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty headlineProperty() {
    return headline.getReadOnlyProperty();
  }

  /** Since when, and when it ends by itself (or that only an operator ends it). */
  public ReadOnlyStringProperty timingProperty() {
    return timing.getReadOnlyProperty();
  }

  /** The first vanished instances by name. */
  public ReadOnlyStringProperty vanishedProperty() {
    return vanished.getReadOnlyProperty();
  }

  /** Every vanished instance, one a line. */
  public ReadOnlyStringProperty vanishedListProperty() {
    return vanishedList.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty releaseDisabledProperty() {
    return releaseDisabled.getReadOnlyProperty();
  }

  /** Why releasing is disabled; empty when it is possible. */
  public ReadOnlyStringProperty reasonProperty() {
    return reason.getReadOnlyProperty();
  }

  /** What became of the last release. */
  public ReadOnlyStringProperty outcomeProperty() {
    return outcome.getReadOnlyProperty();
  }
}
