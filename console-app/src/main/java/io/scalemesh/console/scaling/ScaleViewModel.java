package io.scalemesh.console.scaling;

import io.scalemesh.console.client.ConnectionState;
import io.scalemesh.console.client.Failure;
import io.scalemesh.console.client.OperatorAccess;
import io.scalemesh.console.client.Scaler;
import io.scalemesh.console.mesh.ScaleSetSummary;
import io.scalemesh.console.scaling.ScaleProposal.Kind;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.ScaleResponse;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Manual scaling of the selected scale set: which of scale out, scale in and set capacity are
 * possible now and why not, the proposals an operator confirms, and the outcome of the last one.
 */
public final class ScaleViewModel {
  private final Scaler scaler;
  private final ReadOnlyBooleanWrapper scaleOutDisabled = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyBooleanWrapper scaleInDisabled = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyBooleanWrapper setCapacityDisabled = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper capacity = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");

  private OperatorAccess access = OperatorAccess.NOT_LIVE;
  private boolean busy;
  private Optional<ScaleSetSummary> scaleSet = Optional.empty();

  public ScaleViewModel(Scaler scaler) {
    this.scaler = scaler;
    refresh();
  }

  public void connection(ConnectionState state) {
    access = OperatorAccess.of(state);
    refresh();
  }

  public void apply(MeshStatus status, String selectedScaleSet) {
    scaleSet = ScaleSetSummary.find(status, selectedScaleSet);
    refresh();
  }

  public Optional<ScaleProposal> proposeScaleOut() {
    return propose(Kind.OUT, currentCapacity() + 1);
  }

  public Optional<ScaleProposal> proposeScaleIn() {
    return propose(Kind.IN, currentCapacity() - 1);
  }

  public Optional<ScaleProposal> proposeCapacity(int target) {
    return propose(Kind.SET, target);
  }

  /** Why {@code target} cannot be asked for now; empty when it can. */
  public Optional<String> check(int target) {
    return rules().blocked(target);
  }

  /** Sends a confirmed proposal; the outcome shows in {@link #outcomeProperty()} when it ends. */
  public CompletionStage<Void> execute(ScaleProposal proposal, String why) {
    busy = true;
    outcome.set("Scaling " + proposal.change() + " ...");
    refresh();
    String reasonText = why.isBlank() ? "manual, from the console" : why.strip();
    return scaler
        .scale(proposal.toRequest(reasonText, UUID.randomUUID().toString()))
        .handle(
            (response, error) -> {
              busy = false;
              outcome.set(
                  error == null
                      ? describe(response)
                      : "Scale refused: " + Failure.of(error).reason());
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

  private Optional<ScaleProposal> propose(Kind kind, int target) {
    if (check(target).isPresent()) {
      return Optional.empty();
    }
    ScaleSetSummary set = scaleSet.orElseThrow();
    return Optional.of(
        new ScaleProposal(set.name(), kind, set.desired(), target, set.minimum(), set.maximum()));
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
    ScaleRules rules = rules();
    Optional<String> out = rules.blocked(currentCapacity() + 1);
    Optional<String> in = rules.blocked(currentCapacity() - 1);
    Optional<String> any = rules.blocked();
    scaleOutDisabled.set(out.isPresent());
    scaleInDisabled.set(in.isPresent());
    setCapacityDisabled.set(any.isPresent());
    reason.set(any.or(() -> out).or(() -> in).orElse(""));
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

  /** "backend: capacity 3 (bounds 2..8)" */
  public ReadOnlyStringProperty capacityProperty() {
    return capacity.getReadOnlyProperty();
  }

  /** What became of the last request. */
  public ReadOnlyStringProperty outcomeProperty() {
    return outcome.getReadOnlyProperty();
  }
}
