package io.scalemesh.controlplane.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.controlplane.access.Caller;
import io.scalemesh.controlplane.audit.AuditLog;
import io.scalemesh.controlplane.config.ConsoleApiConfig.Role;
import io.scalemesh.controlplane.events.Event;
import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.fixtures.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallFailureActionsTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final Optional<Caller> OPS = Optional.of(new Caller("ops", Role.OPERATOR));

  @TempDir Path dir;

  private final ManualClock clock = new ManualClock(T0);
  private final EventLog events = new EventLog(clock);
  private final Map<String, Double> shares = new HashMap<>(Map.of("backend_0", 0.0));

  private CallFailureActions actions() {
    CallFailures simulated =
        (instance, share) -> {
          Double before = shares.computeIfPresent(instance, (i, old) -> share);
          if (before == null) {
            throw new NoSuchElementException(instance);
          }
          return 0.0;
        };
    return new CallFailureActions(
        Map.of("backend", simulated), new AuditLog(dir.resolve("audit.jsonl")), events, clock);
  }

  @Test
  void anOperatorsChangeIsMadeAuditedAndAnEvent() throws Exception {
    CallFailureActions.Outcome outcome =
        actions().request(OPS, "backend", "backend_0", 0.25, "demo");

    assertThat(outcome).isEqualTo(new CallFailureActions.Done(0.0, 0.25));
    assertThat(shares).containsEntry("backend_0", 0.25);
    assertThat(events.since(T0))
        .containsExactly(
            new Event(
                T0,
                Event.Kind.CALL_FAILURES,
                "backend",
                "ops made backend_0 fail 25% of its calls (was 0%): demo"));
    assertThat(Files.readString(dir.resolve("audit.jsonl")))
        .contains("\"kind\":\"FAIL_CALLS\"")
        .contains("\"result\":\"done\"");
  }

  @Test
  void whatCannotBeDoneIsSaidChangesNothingAndIsAudited() throws Exception {
    CallFailureActions actions = actions();

    assertThat(actions.request(Optional.empty(), "backend", "backend_0", 1, "x"))
        .isInstanceOfSatisfying(
            CallFailureActions.Refused.class,
            r -> assertThat(r.refusal().authenticated()).isFalse());
    assertThat(
            actions.request(
                Optional.of(new Caller("eve", Role.VIEWER)), "backend", "backend_0", 1, "x"))
        .isInstanceOf(CallFailureActions.Refused.class);
    assertThat(actions.request(OPS, "web", "web_0", 1, "x"))
        .isEqualTo(
            new CallFailureActions.Invalid(
                CallFailureActions.Problem.NOT_SIMULATED,
                "scale set 'web' is not a simulated one, whose calls can be failed"));
    assertThat(actions.request(OPS, "backend", "backend_7", 1, "x"))
        .extracting(o -> ((CallFailureActions.Invalid) o).problem())
        .isEqualTo(CallFailureActions.Problem.NOT_FOUND);
    assertThat(actions.request(OPS, "backend", "backend_0", Double.NaN, "x"))
        .extracting(o -> ((CallFailureActions.Invalid) o).problem())
        .isEqualTo(CallFailureActions.Problem.BAD_SHARE);

    assertThat(shares).containsEntry("backend_0", 0.0);
    assertThat(events.since(T0)).isEmpty();
    assertThat(Files.readAllLines(dir.resolve("audit.jsonl")))
        .hasSize(5)
        .allSatisfy(line -> assertThat(line).contains("\"result\":\"rejected\""));
  }
}
