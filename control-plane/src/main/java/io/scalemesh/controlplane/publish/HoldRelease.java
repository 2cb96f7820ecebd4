package io.scalemesh.controlplane.publish;

import io.scalemesh.controlplane.access.Caller;
import io.scalemesh.controlplane.access.Refusal;
import io.scalemesh.controlplane.audit.AuditLog;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * An operator's release of a held mass removal: allowed to operators only, audited whatever its
 * outcome.
 */
public final class HoldRelease {
  private final Publisher publisher;
  private final AuditLog audit;
  private final Clock clock;

  public HoldRelease(Publisher publisher, AuditLog audit, Clock clock) {
    this.publisher = publisher;
    this.audit = audit;
    this.clock = clock;
  }

  /** Publishes the held removal of {@code service}'s instances now, if {@code caller} may. */
  public Outcome release(Optional<Caller> caller, String service, String reason) {
    Optional<Refusal> refused = Refusal.ofChange(caller, "releasing a hold");
    boolean released = refused.isEmpty() && publisher.releaseHold(service);
    audit.append(
        clock.instant(),
        caller.map(Caller::identity).orElse("anonymous"),
        service,
        Map.of("kind", "RELEASE_HOLD", "reason", reason),
        refused
            .map(
                r ->
                    AuditLog.rejected(
                        r.authenticated() ? "not_an_operator" : "unauthenticated", r.message()))
            .orElseGet(() -> Map.of("result", released ? "released" : "nothing held")));
    return new Outcome(refused, released);
  }

  /**
   * @param refused why the caller may not, if it may not
   * @param released whether a hold was released (false too when nothing was held)
   */
  public record Outcome(Optional<Refusal> refused, boolean released) {}
}
