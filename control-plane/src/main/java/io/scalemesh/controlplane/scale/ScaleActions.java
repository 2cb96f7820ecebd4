package io.scalemesh.controlplane.scale;

import io.scalemesh.controlplane.access.Caller;
import io.scalemesh.controlplane.access.Refusal;
import io.scalemesh.controlplane.audit.AuditLog;
import io.scalemesh.controlplane.events.Event;
import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.policy.AutoscalePolicy;
import io.scalemesh.controlplane.policy.CloudAutoscale;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way capacity changes: from an operator through the console API, or from the autoscaler.
 * Every request is checked (who asks, whether it makes sense, whether the result is within the
 * scale set's bounds), written to the audit log whatever its outcome, and each change made is an
 * event. A change the scale set carries on with after accepting it (a cloud's long-running
 * operation) is "in progress" until the scale set says how it ended, which is an event and a second
 * audit line of its own.
 */
public final class ScaleActions {
  public static final String AUTOSCALE = "autoscale";
  private static final int REMEMBERED_KEYS = 1_000;

  private final Map<String, ScaleController> controllers;
  private final Map<String, AutoscalePolicy> policies;
  private final Map<String, CloudAutoscale> cloudAutoscale;
  private final AuditLog audit;
  private final EventLog events;
  private final Clock clock;
  private final Map<String, ScaleAction> last = new ConcurrentHashMap<>();
  private final Map<String, ScaleOutcome> outcomesByKey =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ScaleOutcome> eldest) {
          return size() > REMEMBERED_KEYS;
        }
      };

  /**
   * @param controllers the scale sets that can be scaled, by name
   * @param policies each scale set's configured bounds and autoscale rules, by name
   * @param cloudAutoscale the scale sets whose autoscale the cloud runs: their setting replaces the
   *     configured one
   */
  public ScaleActions(
      Map<String, ScaleController> controllers,
      Map<String, AutoscalePolicy> policies,
      Map<String, CloudAutoscale> cloudAutoscale,
      AuditLog audit,
      EventLog events,
      Clock clock) {
    this.controllers = Map.copyOf(controllers);
    this.policies = Map.copyOf(policies);
    this.cloudAutoscale = Map.copyOf(cloudAutoscale);
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /** A request from the console API, by whoever presented the call's token (if anyone). */
  public ScaleOutcome request(Optional<Caller> caller, CapacityChange change) {
    String identity = caller.map(Caller::identity).orElse("anonymous");
    ScaleOutcome outcome =
        Refusal.ofChange(caller, "scaling")
            .<ScaleOutcome>map(
                refusal ->
                    new ScaleOutcome.Rejected(
                        refusal.authenticated()
                            ? ScaleOutcome.Reason.NOT_AN_OPERATOR
                            : ScaleOutcome.Reason.UNAUTHENTICATED,
                        refusal.message()))
            .orElseGet(() -> oncePerKey(identity, change));
    audit(identity, change, outcome);
    return outcome;
  }

  /** A change the autoscaler decided on. */
  public ScaleOutcome autoscale(CapacityChange change) {
    ScaleOutcome outcome = apply(AUTOSCALE, change);
    audit(AUTOSCALE, change, outcome);
    return outcome;
  }

  public Optional<ScaleAction> lastAction(String scaleSet) {
    return Optional.ofNullable(last.get(scaleSet));
  }

  /**
   * The bounds and rules in force: the cloud's setting where the cloud autoscales and it is known,
   * else the configured.
   */
  public Optional<AutoscalePolicy> policy(String scaleSet) {
    return Optional.ofNullable(cloudAutoscale.get(scaleSet))
        .flatMap(CloudAutoscale::autoscaleSetting)
        .or(() -> Optional.ofNullable(policies.get(scaleSet)));
  }

  /** The desired capacity of a scale set that can be scaled, as last known; never waits. */
  public OptionalInt capacity(String scaleSet) {
    ScaleController controller = controllers.get(scaleSet);
    return controller == null ? OptionalInt.empty() : controller.capacity();
  }

  private ScaleOutcome oncePerKey(String identity, CapacityChange change) {
    if (change.idempotencyKey().isEmpty()) {
      return apply(identity, change);
    }
    String key = identity + "\u0000" + change.idempotencyKey();
    synchronized (outcomesByKey) {
      return outcomesByKey.computeIfAbsent(key, k -> apply(identity, change));
    }
  }

  private ScaleOutcome apply(String actor, CapacityChange change) {
    ScaleController controller = controllers.get(change.scaleSet());
    AutoscalePolicy policy = policy(change.scaleSet()).orElse(null);
    if (controller == null || policy == null) {
      return rejected(
          ScaleOutcome.Reason.INVALID,
          "no scale set named '" + change.scaleSet() + "' can be scaled");
    }
    if (change.kind() == CapacityChange.Kind.SET ? change.amount() < 0 : change.amount() < 1) {
      return rejected(
          ScaleOutcome.Reason.INVALID,
          "scaling by " + change.amount() + " changes nothing; use 1 or more");
    }
    OptionalInt known = controller.capacity();
    if (known.isEmpty()) {
      return rejected(
          ScaleOutcome.Reason.UNAVAILABLE,
          "the capacity of " + change.scaleSet() + " is not known yet");
    }
    int current = known.getAsInt();
    int target = change.target(current);
    if (!policy.allows(target)) {
      return rejected(
          ScaleOutcome.Reason.OUT_OF_BOUNDS,
          "capacity "
              + target
              + " is outside "
              + policy.minimum()
              + ".."
              + policy.maximum()
              + " (now "
              + current
              + ")");
    }
    PendingChange pending;
    try {
      pending = controller.setCapacity(target).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return rejected(ScaleOutcome.Reason.UNAVAILABLE, String.valueOf(e.getCause().getMessage()));
    } catch (TimeoutException e) {
      return rejected(ScaleOutcome.Reason.UNAVAILABLE, "the scale set did not answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return rejected(ScaleOutcome.Reason.UNAVAILABLE, "interrupted");
    }
    boolean doneAlready =
        pending.finished().isDone() && !pending.finished().isCompletedExceptionally();
    ScaleAction action =
        new ScaleAction(
            change.scaleSet(),
            clock.instant(),
            actor,
            current,
            target,
            change.reason(),
            doneAlready ? ScaleAction.Progress.SUCCEEDED : ScaleAction.Progress.IN_PROGRESS,
            "");
    last.put(change.scaleSet(), action);
    events.append(
        Event.Kind.SCALE_ACTION,
        action.scaleSet(),
        actor
            + (doneAlready ? " scaled " : " asked for ")
            + current
            + " -> "
            + target
            + (change.reason().isEmpty() ? "" : ": " + change.reason()));
    if (!doneAlready) {
      pending.finished().whenComplete((ok, failure) -> ended(action, change, failure));
    }
    List<String> warnings =
        policy.enabled() && !AUTOSCALE.equals(actor)
            ? List.of("autoscale is enabled on " + change.scaleSet() + " and may undo this change")
            : List.of();
    return new ScaleOutcome.Accepted(current, target, warnings);
  }

  /**
   * A change the scale set carried on with has ended: the status shows how (if it is still the last
   * change), the event log says it, and the audit log has a second line for the request.
   */
  private void ended(ScaleAction action, CapacityChange change, Throwable failure) {
    String why =
        failure == null
            ? ""
            : String.valueOf(
                (failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure)
                    .getMessage());
    ScaleAction ended =
        action.ended(
            failure == null ? ScaleAction.Progress.SUCCEEDED : ScaleAction.Progress.FAILED, why);
    last.replace(action.scaleSet(), action, ended);
    events.append(
        Event.Kind.SCALE_ACTION,
        action.scaleSet(),
        action.fromCapacity()
            + " -> "
            + action.toCapacity()
            + (failure == null ? " done" : " failed: " + why));
    audit.append(
        clock.instant(),
        action.actor(),
        action.scaleSet(),
        change,
        failure == null
            ? Map.of(
                "result",
                "succeeded",
                "previous_capacity",
                action.fromCapacity(),
                "new_capacity",
                action.toCapacity())
            : Map.of(
                "result",
                "failed",
                "previous_capacity",
                action.fromCapacity(),
                "new_capacity",
                action.toCapacity(),
                "message",
                why));
  }

  private void audit(String identity, CapacityChange change, ScaleOutcome outcome) {
    audit.append(
        clock.instant(),
        identity,
        change.scaleSet(),
        change,
        switch (outcome) {
          case ScaleOutcome.Accepted accepted ->
              Map.of(
                  "result",
                  "accepted",
                  "previous_capacity",
                  accepted.previousCapacity(),
                  "new_capacity",
                  accepted.newCapacity(),
                  "warnings",
                  accepted.warnings());
          case ScaleOutcome.Rejected rejected ->
              AuditLog.rejected(
                  rejected.reason().name().toLowerCase(Locale.ROOT), rejected.message());
        });
  }

  private static ScaleOutcome rejected(ScaleOutcome.Reason reason, String message) {
    return new ScaleOutcome.Rejected(reason, message);
  }
}
