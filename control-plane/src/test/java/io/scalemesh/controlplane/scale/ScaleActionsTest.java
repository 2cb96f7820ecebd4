package io.scalemesh.controlplane.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalemesh.controlplane.access.Caller;
import io.scalemesh.controlplane.audit.AuditLog;
import io.scalemesh.controlplane.config.ConsoleApiConfig.Role;
import io.scalemesh.controlplane.events.Event;
import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.fixtures.ManualClock;
import io.scalemesh.controlplane.fixtures.RecordingScaleController;
import io.scalemesh.controlplane.policy.AutoscalePolicy;
import io.scalemesh.controlplane.policy.CloudAutoscale;
import io.scalemesh.controlplane.scale.CapacityChange.Kind;
import io.scalemesh.controlplane.scale.ScaleOutcome.Accepted;
import io.scalemesh.controlplane.scale.ScaleOutcome.Reason;
import io.scalemesh.controlplane.scale.ScaleOutcome.Rejected;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every capacity change through scale actions: who may, what makes sense, bounds, the audit log and
 * events.
 */
class ScaleActionsTest {
  private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
  private static final Optional<Caller> OPS = Optional.of(new Caller("ops", Role.OPERATOR));
  private static final Optional<Caller> WATCHER = Optional.of(new Caller("watcher", Role.VIEWER));

  /** Bounds 1..4, autoscale off. */
  private static final AutoscalePolicy CONFIGURED = policy(false, 1, 4);

  @TempDir Path dir;

  private final ManualClock clock = new ManualClock(T0);
  private final EventLog events = new EventLog(clock);
  private final RecordingScaleController backend = RecordingScaleController.at(2);

  @Test
  void anOperatorsChangeIsMadeRememberedAndLogged() {
    ScaleActions scaling = scaling(backend, CONFIGURED);

    ScaleOutcome outcome = scaling.request(OPS, change(Kind.OUT_BY, 1, ""));

    assertThat(outcome).isEqualTo(new Accepted(2, 3, List.of()));
    assertThat(backend.asked()).containsExactly(3);
    assertThat(scaling.lastAction("backend"))
        .contains(
            new ScaleAction(
                "backend", T0, "ops", 2, 3, "more room", ScaleAction.Progress.SUCCEEDED, ""));
    assertThat(events.since(T0))
        .containsExactly(
            new Event(T0, Event.Kind.SCALE_ACTION, "backend", "ops scaled 2 -> 3: more room"));
  }

  @Test
  void aViewerOrACallerWithoutAKnownTokenIsRefusedAndNothingIsAsked() {
    ScaleActions scaling = scaling(backend, CONFIGURED);

    assertThat(scaling.request(WATCHER, change(Kind.OUT_BY, 1, "")))
        .isEqualTo(
            new Rejected(
                Reason.NOT_AN_OPERATOR, "watcher is a viewer; scaling needs the operator role"));
    assertThat(scaling.request(Optional.empty(), change(Kind.OUT_BY, 1, "")))
        .isEqualTo(new Rejected(Reason.UNAUTHENTICATED, "a known bearer token is required"));
    assertNothingChanged(scaling);
  }

  @Test
  void anUnknownScaleSetAZeroStepAndANegativeCapacityAreInvalid() {
    ScaleActions scaling = scaling(backend, CONFIGURED);

    assertThat(scaling.request(OPS, new CapacityChange("frontend", Kind.OUT_BY, 1, "", "")))
        .isEqualTo(new Rejected(Reason.INVALID, "no scale set named 'frontend' can be scaled"));
    assertThat(
            List.of(
                change(Kind.OUT_BY, 0, ""), change(Kind.IN_BY, 0, ""), change(Kind.SET, -1, "")))
        .allSatisfy(
            change ->
                assertThat(scaling.request(OPS, change))
                    .isInstanceOfSatisfying(
                        Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(Reason.INVALID)));
    assertNothingChanged(scaling);
  }

  @Test
  void aCapacityOutsideTheBoundsIsRefused() {
    ScaleActions scaling = scaling(backend, CONFIGURED);

    assertThat(scaling.request(OPS, change(Kind.SET, 5, "")))
        .isEqualTo(new Rejected(Reason.OUT_OF_BOUNDS, "capacity 5 is outside 1..4 (now 2)"));
    assertThat(scaling.request(OPS, change(Kind.IN_BY, 2, "")))
        .isEqualTo(new Rejected(Reason.OUT_OF_BOUNDS, "capacity 0 is outside 1..4 (now 2)"));
    assertNothingChanged(scaling);
  }

  @Test
  void aScaleSetWhoseCapacityIsNotKnownYetCannotBeScaled() {
    ScaleActions scaling = scaling(RecordingScaleController.unknown(), CONFIGURED);

    assertThat(scaling.request(OPS, change(Kind.OUT_BY, 1, "")))
        .isEqualTo(new Rejected(Reason.UNAVAILABLE, "the capacity of backend is not known yet"));
  }

  @Test
  void aScaleSetThatRefusesTheChangeMakesItUnavailableInItsOwnWords() {
    ScaleController busy =
        new ScaleController() {
          @Override
          public OptionalInt capacity() {
            return OptionalInt.of(2);
          }

          @Override
          public CompletableFuture<PendingChange> setCapacity(int capacity) {
            return CompletableFuture.failedFuture(
                new IllegalStateException("409: an operation is in progress"));
          }
        };
    ScaleActions scaling = scaling(busy, CONFIGURED);

    assertThat(scaling.request(OPS, change(Kind.OUT_BY, 1, "")))
        .isEqualTo(new Rejected(Reason.UNAVAILABLE, "409: an operation is in progress"));
    assertThat(scaling.lastAction("backend")).isEmpty();
    assertThat(events.since(T0)).isEmpty();
  }

  @Test
  void aChangeTheScaleSetCarriesOnWithIsInProgressUntilItSaysHowItEnded() throws IOException {
    CompletableFuture<Void> succeeds = new CompletableFuture<>();
    CompletableFuture<Void> fails = new CompletableFuture<>();
    ScaleActions scaling = scaling(finishingLater(succeeds, fails), CONFIGURED);

    assertThat(scaling.request(OPS, change(Kind.OUT_BY, 1, ""))).isInstanceOf(Accepted.class);
    assertThat(scaling.lastAction("backend"))
        .map(ScaleAction::progress)
        .contains(ScaleAction.Progress.IN_PROGRESS);
    clock.advance(Duration.ofMinutes(3));
    succeeds.complete(null);

    assertThat(scaling.lastAction("backend"))
        .map(ScaleAction::progress)
        .contains(ScaleAction.Progress.SUCCEEDED);
    assertThat(events.since(T0))
        .extracting(Event::message)
        .containsExactly("ops asked for 2 -> 3: more room", "2 -> 3 done");

    assertThat(scaling.request(OPS, change(Kind.OUT_BY, 1, ""))).isInstanceOf(Accepted.class);
    fails.completeExceptionally(
        new IllegalStateException("Azure's operation ended FAILED: quota exceeded"));

    assertThat(scaling.lastAction("backend"))
        .hasValueSatisfying(
            action -> {
              assertThat(action.progress()).isEqualTo(ScaleAction.Progress.FAILED);
              assertThat(action.failure())
                  .isEqualTo("Azure's operation ended FAILED: quota exceeded");
            });
    assertThat(events.since(T0))
        .extracting(Event::message)
        .endsWith("3 -> 4 failed: Azure's operation ended FAILED: quota exceeded");
    assertThat(auditLines())
        .extracting(line -> line.path("outcome").path("result").asText())
        .containsExactly("accepted", "succeeded", "accepted", "failed");
  }

  /** At 2: each change accepted at once and ended by the next of {@code endings}. */
  @SafeVarargs
  private static ScaleController finishingLater(CompletableFuture<Void>... endings) {
    AtomicReference<Integer> capacity = new AtomicReference<>(2);
    Deque<CompletableFuture<Void>> left = new ArrayDeque<>(List.of(endings));
    return new ScaleController() {
      @Override
      public OptionalInt capacity() {
        return OptionalInt.of(capacity.get());
      }

      @Override
      public CompletableFuture<PendingChange> setCapacity(int target) {
        capacity.set(target);
        return CompletableFuture.completedFuture(new PendingChange(left.pop()));
      }
    };
  }

  @Test
  void aRepeatedIdempotencyKeyIsAnsweredWithTheFirstOutcomeAndChangesNothingAgain() {
    ScaleActions scaling = scaling(backend, CONFIGURED);

    ScaleOutcome first = scaling.request(OPS, change(Kind.OUT_BY, 1, "k1"));
    ScaleOutcome again = scaling.request(OPS, change(Kind.OUT_BY, 1, "k1"));
    ScaleOutcome anotherOperators =
        scaling.request(
            Optional.of(new Caller("ops-2", Role.OPERATOR)), change(Kind.OUT_BY, 1, "k1"));

    assertThat(again).isEqualTo(first).isEqualTo(new Accepted(2, 3, List.of()));
    assertThat(anotherOperators)
        .as("a key is its caller's own")
        .isEqualTo(new Accepted(3, 4, List.of()));
    assertThat(backend.asked()).containsExactly(3, 4);
    assertThat(events.since(T0)).hasSize(2);
  }

  @Test
  void everyRequestIsAuditedWhateverItsOutcome() throws IOException {
    ScaleActions scaling = scaling(backend, CONFIGURED);

    scaling.request(Optional.empty(), change(Kind.OUT_BY, 1, ""));
    scaling.request(WATCHER, change(Kind.OUT_BY, 1, ""));
    scaling.request(OPS, change(Kind.OUT_BY, 0, ""));
    scaling.request(OPS, change(Kind.SET, 9, ""));
    scaling.request(OPS, change(Kind.SET, 3, "k1"));
    scaling.request(OPS, change(Kind.SET, 3, "k1"));

    List<JsonNode> lines = auditLines();
    assertThat(lines)
        .extracting(
            line ->
                line.get("identity").asText()
                    + " "
                    + line.at("/outcome/result").asText()
                    + " "
                    + line.at("/outcome/reason").asText())
        .containsExactly(
            "anonymous rejected unauthenticated",
            "watcher rejected not_an_operator",
            "ops rejected invalid",
            "ops rejected out_of_bounds",
            "ops accepted ",
            "ops accepted ");
    JsonNode accepted = lines.get(4);
    assertThat(accepted.get("time").asText()).isEqualTo(T0.toString());
    assertThat(accepted.get("scale_set").asText()).isEqualTo("backend");
    assertThat(accepted.at("/request/kind").asText()).isEqualTo("SET");
    assertThat(accepted.at("/request/reason").asText()).isEqualTo("more room");
    assertThat(accepted.at("/outcome/previous_capacity").asInt()).isEqualTo(2);
    assertThat(accepted.at("/outcome/new_capacity").asInt()).isEqualTo(3);
  }

  @Test
  void theCloudsAutoscaleSettingOnceReadReplacesTheConfiguredPolicy() {
    AtomicReference<Optional<AutoscalePolicy>> setting = new AtomicReference<>(Optional.empty());
    CloudAutoscale azure = setting::get;
    ScaleActions scaling =
        new ScaleActions(
            Map.of("backend", backend),
            Map.of("backend", CONFIGURED),
            Map.of("backend", azure),
            new AuditLog(auditFile()),
            events,
            clock);
    assertThat(scaling.policy("backend")).as("not read yet").contains(CONFIGURED);
    assertThat(scaling.request(OPS, change(Kind.SET, 8, "")))
        .isInstanceOfSatisfying(
            Rejected.class,
            rejected -> assertThat(rejected.reason()).isEqualTo(Reason.OUT_OF_BOUNDS));

    AutoscalePolicy read = policy(true, 2, 10);
    setting.set(Optional.of(read));

    assertThat(scaling.policy("backend")).contains(read);
    assertThat(scaling.request(OPS, change(Kind.SET, 8, "")))
        .isEqualTo(
            new Accepted(
                2, 8, List.of("autoscale is enabled on backend and may undo this change")));
  }

  @Test
  void theAutoscalersChangesAreItsOwnAndWarnOfNothing() throws IOException {
    ScaleActions scaling = scaling(backend, policy(true, 1, 4));

    ScaleOutcome outcome =
        scaling.autoscale(new CapacityChange("backend", Kind.SET, 3, "average CPU 80%", ""));

    assertThat(outcome).isEqualTo(new Accepted(2, 3, List.of()));
    assertThat(scaling.lastAction("backend").orElseThrow().actor())
        .isEqualTo(ScaleActions.AUTOSCALE);
    assertThat(auditLines())
        .singleElement()
        .satisfies(line -> assertThat(line.get("identity").asText()).isEqualTo("autoscale"));
  }

  private ScaleActions scaling(ScaleController controller, AutoscalePolicy policy) {
    return new ScaleActions(
        Map.of("backend", controller),
        Map.of("backend", policy),
        Map.of(),
        new AuditLog(auditFile()),
        events,
        clock);
  }

  /** A change of "backend" with the reason "more room" and this idempotency key ("" for none). */
  private static CapacityChange change(Kind kind, int amount, String idempotencyKey) {
    return new CapacityChange("backend", kind, amount, "more room", idempotencyKey);
  }

  private static AutoscalePolicy policy(boolean enabled, int minimum, int maximum) {
    return AutoscalePolicy.cpuBand(
        enabled,
        minimum,
        maximum,
        minimum,
        75,
        25,
        Duration.ofMinutes(5),
        Duration.ofMinutes(1),
        Duration.ofMinutes(1),
        1);
  }

  private void assertNothingChanged(ScaleActions scaling) {
    assertThat(backend.asked()).isEmpty();
    assertThat(scaling.lastAction("backend")).isEmpty();
    assertThat(events.since(T0)).isEmpty();
  }

  private Path auditFile() {
    return dir.resolve("audit.jsonl");
  }

  /** The audit log, a JSON value a line. */
  private List<JsonNode> auditLines() throws IOException {
    return new ObjectMapper()
        .readerFor(JsonNode.class)
        .<JsonNode>readValues(auditFile().toFile())
        .readAll();
  }
}
