package io.scalemesh.console.scaling;

import io.scalemesh.console.client.ConnectionState;
import io.scalemesh.console.client.Failure;
import io.scalemesh.console.client.OperatorAccess;
import io.scalemesh.console.client.Scaler;
import io.scalemesh.console.mesh.ScaleSetSummary;
import io.scalemesh.console.notifications.Notification.Severity;
import io.scalemesh.console.notifications.Notifier;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.ScaleResponse;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Manual scaling of the selected scale set: which of scale out, scale in and set capacity are
 * possible now and why not, the proposals an operator confirms (with what autoscale may do to
 * them), and their outcomes, told to the notification area.
 */
public final class ScaleViewModel {
  static final String PAST = "Viewing the past: go back to live to scale.";
  private final Scaler scaler;
  private final Notifier notifier;
  private final ReadOnlyBooleanWrapper scaleOutDisabled = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyBooleanWrapper scaleInDisabled = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyBooleanWrapper setCapacityDisabled = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper capacity = new ReadOnlyStringWrapper("");
  private final ReadOnlyIntegerWrapper desired = new ReadOnlyIntegerWrapper();

  private OperatorAccess access = OperatorAccess.NOT_LIVE;
  private boolean busy;
  private Optional<ScaleSetSummary> scaleSet = Optional.empty();
  private boolean viewingPast;

  public ScaleViewModel(Scaler scaler, Notifier notifier) {
    this.scaler = scaler;
    this.notifier = notifier;
    refresh();
  }

  public void connection(ConnectionState state) {
    access = OperatorAccess.of(state);
    refresh();
  }

  /** While the console shows the past, nothing is scaled from what it shows. */
  public void viewingPast(boolean past) {
    viewingPast = past;
    refresh();
  }

  public void apply(MeshStatus status, String selectedScaleSet) {
    scaleSet = ScaleSetSummary.find(status, selectedScaleSet);
    refresh();
  }

  public Optional<ScaleProposal> proposeScaleOut() {
    return propose(currentCapacity() + 1);
  }

  public Optional<ScaleProposal> proposeScaleIn() {
    return propose(currentCapacity() - 1);
  }

  public Optional<ScaleProposal> proposeCapacity(int target) {
    return propose(target);
  }

  /** Why {@code target} cannot be asked for now; empty when it can. */
  public Optional<String> check(int target) {
    return viewingPast ? Optional.of(PAST) : rules().blocked(target);
  }

  /**
   * Sends a confirmed proposal, unless the capacity has changed since it was made (the operator
   * confirmed a "from" that is no longer true); the outcome goes to the notification area.
   */
  public CompletionStage<Void> execute(ScaleProposal proposal, String why) {
    if (currentCapacity() != proposal.current()) {
      notifier.notify(
          Severity.WARNING,
          "Not sent: "
              + proposal.scaleSet()
              + "'s capacity changed from "
              + proposal.current()
              + " to "
              + currentCapacity()
              + " while you confirmed "
              + proposal.change()
              + "; ask again");
      return CompletableFuture.completedFuture(null);
    }
    busy = true;
    refresh();
    String reasonText = why.isBlank() ? "manual, from the console" : why.strip();
    return scaler
        .scale(proposal.toRequest(reasonText, UUID.randomUUID().toString()))
        .handle(
            (response, error) -> {
              busy = false;
              if (error == null) {
                notifier.notify(
                    response.getWarningsCount() == 0 ? Severity.INFO : Severity.WARNING,
                    describe(response));
              } else {
                notifier.notify(Severity.ERROR, "Scale refused: " + Failure.of(error).reason());
              }
              refresh();
              return null;
            });
  }

  private static String describe(ScaleResponse response) {
    // Accepted, not done: a cloud scale set takes minutes; the dashboard shows when it ends.
    return response.getRequest().getScaleSet()
        + ": "
        + response.getPreviousCapacity()
        + " -> "
        + response.getNewCapacity()
        + " accepted"
        + (response.getWarningsCount() == 0
            ? ""
            : " (" + String.join("; ", response.getWarningsList()) + ")");
  }

  private Optional<ScaleProposal> propose(int target) {
    if (check(target).isPresent()) {
      return Optional.empty();
    }
    ScaleSetSummary set = scaleSet.orElseThrow();
    return Optional.of(
        new ScaleProposal(
            set.name(),
            set.desired(),
            target,
            set.minimum(),
            set.maximum(),
            autoscaleWarning(set)));
  }

  /** Said before confirming, not after: autoscale acts on CPU, whatever an operator asked. */
  private static Optional<String> autoscaleWarning(ScaleSetSummary set) {
    if (!set.autoscale()) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            java.util.Locale.ROOT,
            "Autoscale is on for %s: it may undo this change (it scales out above %.0f %% CPU and"
                + " in below %.0f %%).",
            set.name(),
            set.scaleOutAbove(),
            set.scaleInBelow()));
  }

  public int currentCapacity() {
    return scaleSet.map(ScaleSetSummary::desired).orElse(0);
  }

  public int maximumCapacity() {
    return scaleSet.map(ScaleSetSummary::maximum).orElse(0);
  }

  private ScaleRules rules() {
    return new ScaleRules(access, busy, scaleSet);
  }

  private void refresh() {
    Optional<String> out = check(currentCapacity() + 1);
    Optional<String> in = check(currentCapacity() - 1);
    Optional<String> any = viewingPast ? Optional.of(PAST) : rules().blocked();
    scaleOutDisabled.set(out.isPresent());
    scaleInDisabled.set(in.isPresent());
    setCapacityDisabled.set(any.isPresent());
    reason.set(any.or(() -> out).or(() -> in).orElse(""));
    desired.set(currentCapacity());
    capacity.set(
        scaleSet
            .map(
                set ->
                    set.name()
                        + ": capacity "
                        + set.desired()
                        + " (bounds "
                        + set.minimum()
                        + ".."
                        + set.maximum()
                        + ")")
            .orElse(""));
  }

  public ReadOnlyBooleanProperty scaleOutDisabledProperty() {
    return scaleOutDisabled.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty scaleInDisabledProperty() {
    return scaleInDisabled.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty setCapacityDisabledProperty() {
    return setCapacityDisabled.getReadOnlyProperty();
  }

  /** Why a scale button is disabled; empty when all of them can be used. */
  public ReadOnlyStringProperty reasonProperty() {
    return reason.getReadOnlyProperty();
  }

  /** The selected scale set's capacity now, for a dialog to notice it moving. */
  public ReadOnlyIntegerProperty desiredProperty() {
    return desired.getReadOnlyProperty();
  }

  /** "backend: capacity 3 (bounds 2..8)" */
  public ReadOnlyStringProperty capacityProperty() {
    return capacity.getReadOnlyProperty();
  }
}
