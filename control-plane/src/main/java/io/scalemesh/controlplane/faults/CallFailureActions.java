package io.scalemesh.controlplane.faults;

import io.scalemesh.controlplane.access.Caller;
import io.scalemesh.controlplane.access.Refusal;
import io.scalemesh.controlplane.audit.AuditLog;
import io.scalemesh.controlplane.events.Event;
import io.scalemesh.controlplane.events.EventLog;
import java.time.Clock;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * An operator's request that an instance fail a share of its calls: like a scale action, allowed to
 * operators only, audited whatever its outcome, and an event when it changes something.
 */
public final class CallFailureActions {
  private final Map<String, CallFailures> byService;
  private final AuditLog audit;
  private final EventLog events;
  private final Clock clock;

  /**
   * @param byService the services whose kind can fail calls, by name
   */
  public CallFailureActions(
      Map<String, CallFailures> byService, AuditLog audit, EventLog events, Clock clock) {
    this.byService = Map.copyOf(byService);
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /** What became of a request. */
  public sealed interface Outcome {}

  /** The instance fails {@code share} of its calls now, {@code previous} before. */
  public record Done(double previous, double share) implements Outcome {}

  /** The caller may not. */
  public record Refused(Refusal refusal) implements Outcome {}

  /** Nothing to change: no such scale set, one whose kind cannot, no such instance, a bad share. */
  public record Invalid(Problem problem, String message) implements Outcome {}

  public enum Problem {
    NOT_FOUND,
    NOT_SIMULATED,
    BAD_SHARE
  }

  public Outcome request(
      Optional<Caller> caller, String service, String instance, double share, String reason) {
    Outcome outcome = decide(caller, service, instance, share);
    audit.append(
        clock.instant(),
        caller.map(Caller::identity).orElse("anonymous"),
        service,
        Map.of("kind", "FAIL_CALLS", "instance", instance, "share", share, "reason", reason),
        switch (outcome) {
          case Done done ->
              Map.<String, Object>of("result", "done", "previous_share", done.previous());
          case Refused refused ->
              AuditLog.rejected(
                  refused.refusal().authenticated() ? "not_an_operator" : "unauthenticated",
                  refused.refusal().message());
          case Invalid invalid ->
              AuditLog.rejected(invalid.problem().name().toLowerCase(), invalid.message());
        });
    if (outcome instanceof Done done && done.previous() != share) {
      events.append(
          Event.Kind.CALL_FAILURES,
          service,
          String.format(
              "%s made %s fail %.0f%% of its calls (was %.0f%%): %s",
              caller.orElseThrow().identity(),
              instance,
              share * 100,
              done.previous() * 100,
              reason));
    }
    return outcome;
  }

  private Outcome decide(Optional<Caller> caller, String service, String instance, double share) {
    Optional<Refusal> refused = Refusal.ofChange(caller, "failing calls");
    if (refused.isPresent()) {
      return new Refused(refused.get());
    }
    if (!(share >= 0 && share <= 1)) {
      return new Invalid(Problem.BAD_SHARE, "share " + share + " must be from 0 to 1");
    }
    CallFailures failures = byService.get(service);
    if (failures == null) {
      return new Invalid(
          Problem.NOT_SIMULATED,
          "scale set '" + service + "' is not a simulated one, whose calls can be failed");
    }
    try {
      return new Done(failures.failCalls(instance, share), share);
    } catch (NoSuchElementException e) {
      return new Invalid(
          Problem.NOT_FOUND, "scale set '" + service + "' has no instance '" + instance + "'");
    }
  }
}
