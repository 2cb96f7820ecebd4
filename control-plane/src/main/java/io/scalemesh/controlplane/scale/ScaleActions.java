package io.scalemesh.controlplane.scale;

import io.scalemesh.controlplane.access.Caller;
import io.scalemesh.controlplane.autoscale.AutoscalePolicy;
import io.scalemesh.controlplane.autoscale.CloudAutoscale;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The one way capacity changes: from an operator through the console API, or from the
 * autoscaler. Every request is checked (who asks, whether it makes sense, whether the result is
 * within the scale set's bounds), and every one is written to the audit log, whatever its outcome.
 */
public final class ScaleActions {
  public static final String AUTOSCALE = "autoscale";
  private static final int REMEMBERED_KEYS = 1_000;

  private final Map<String, ScaleController> controllers;
  private final Map<String, AutoscalePolicy> policies;
  private final Map<String, CloudAutoscale> cloudAutoscale;
  private final Predicate<String> holdRelease;
  private final AuditLog audit;
  private final Clock clock;
  private final Consumer<ScaleAction> actions;
  private final Map<String, ScaleAction> last = new ConcurrentHashMap<>();
  private final Map<String, ScaleOutcome> outcomesByKey = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ScaleOutcome> eldest) {
      return size() > REMEMBERED_KEYS;
    }
  };

  /**
   * @param controllers the scale sets that can be scaled, by name
   * @param policies each scale set's configured bounds and autoscale rules, by name
   * @param cloudAutoscale the scale sets whose autoscale the cloud runs: their setting replaces the configured one
   * @param holdRelease releases a scale set's held removal; false if none was held
   * @param actions told of every change made
   */
  public ScaleActions(Map<String, ScaleController> controllers, Map<String, AutoscalePolicy> policies,
      Map<String, CloudAutoscale> cloudAutoscale, Predicate<String> holdRelease, AuditLog audit, Clock clock,
      Consumer<ScaleAction> actions) {
    this.controllers = Map.copyOf(controllers);
    this.policies = Map.copyOf(policies);
    this.cloudAutoscale = Map.copyOf(cloudAutoscale);
    this.holdRelease = holdRelease;
    this.audit = audit;
    this.clock = clock;
    this.actions = actions;
  }

  /** A request from the console API, by whoever presented the call's token (if anyone). */
  public ScaleOutcome request(Optional<Caller> caller, CapacityChange change) {
    String identity = caller.map(Caller::identity).orElse("anonymous");
    ScaleOutcome outcome = refusal(caller, "scaling").<ScaleOutcome>map(r -> r).orElseGet(() -> oncePerKey(identity, change));
    audit.append(clock.instant(), identity, change, outcome);
    return outcome;
  }

  /**
   * An operator's release of a held mass removal of {@code scaleSet}'s instances: published at once.
   * Audited like a scale request, whatever the outcome.
   */
  public ReleaseOutcome releaseHold(Optional<Caller> caller, String scaleSet, String reason) {
    String identity = caller.map(Caller::identity).orElse("anonymous");
    Optional<ScaleOutcome.Rejected> refused = refusal(caller, "releasing a hold");
    boolean released = refused.isEmpty() && holdRelease.test(scaleSet);
    audit.appendRelease(clock.instant(), identity, scaleSet, reason, refused, released);
    return new ReleaseOutcome(refused, released);
  }

  /** Why {@code caller} may not change the mesh, if it may not. */
  private static Optional<ScaleOutcome.Rejected> refusal(Optional<Caller> caller, String what) {
    if (caller.isEmpty()) {
      return Optional.of(new ScaleOutcome.Rejected(ScaleOutcome.Reason.UNAUTHENTICATED, "a known bearer token is required"));
    }
    if (!caller.get().mayScale()) {
      return Optional.of(new ScaleOutcome.Rejected(ScaleOutcome.Reason.NOT_AN_OPERATOR,
          caller.get().identity() + " is a viewer; " + what + " needs the operator role"));
    }
    return Optional.empty();
  }

  /** A change the autoscaler decided on. */
  public ScaleOutcome autoscale(CapacityChange change) {
    ScaleOutcome outcome = apply(AUTOSCALE, change);
    audit.append(clock.instant(), AUTOSCALE, change, outcome);
    return outcome;
  }

  public Optional<ScaleAction> lastAction(String scaleSet) {
    return Optional.ofNullable(last.get(scaleSet));
  }

  /** The bounds and rules in force: the cloud's setting where the cloud autoscales and it is known, else the configured. */
  public Optional<AutoscalePolicy> policy(String scaleSet) {
    return Optional.ofNullable(cloudAutoscale.get(scaleSet))
        .flatMap(CloudAutoscale::autoscaleSetting)
        .or(() -> Optional.ofNullable(policies.get(scaleSet)));
  }

  /** The desired capacity of a scale set that can be scaled. */
  public Optional<Integer> capacity(String scaleSet) {
    ScaleController controller = controllers.get(scaleSet);
    return controller == null ? Optional.empty() : Optional.of(controller.capacity().join());
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
      return rejected(ScaleOutcome.Reason.INVALID, "no scale set named '" + change.scaleSet() + "' can be scaled");
    }
    if (change.kind() == CapacityChange.Kind.SET ? change.amount() < 0 : change.amount() < 1) {
      return rejected(ScaleOutcome.Reason.INVALID, "scaling by " + change.amount() + " changes nothing; use 1 or more");
    }
    try {
      int current = controller.capacity().get(10, TimeUnit.SECONDS);
      int target = change.target(current);
      if (!policy.allows(target)) {
        return rejected(ScaleOutcome.Reason.OUT_OF_BOUNDS, "capacity " + target + " is outside " + policy.minimum()
            + ".." + policy.maximum() + " (now " + current + ")");
      }
      controller.setCapacity(target).get(60, TimeUnit.SECONDS);
      Instant at = clock.instant();
      ScaleAction action = new ScaleAction(change.scaleSet(), at, actor, current, target, change.reason());
      last.put(change.scaleSet(), action);
      actions.accept(action);
      List<String> warnings = policy.enabled() && !AUTOSCALE.equals(actor)
          ? List.of("autoscale is enabled on " + change.scaleSet() + " and may undo this change")
          : List.of();
      return new ScaleOutcome.Accepted(current, target, warnings);
    } catch (ExecutionException e) {
      return rejected(ScaleOutcome.Reason.UNAVAILABLE, String.valueOf(e.getCause().getMessage()));
    } catch (TimeoutException e) {
      return rejected(ScaleOutcome.Reason.UNAVAILABLE, "the scale set did not answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return rejected(ScaleOutcome.Reason.UNAVAILABLE, "interrupted");
    }
  }

  private static ScaleOutcome rejected(ScaleOutcome.Reason reason, String message) {
    return new ScaleOutcome.Rejected(reason, message);
  }
}
