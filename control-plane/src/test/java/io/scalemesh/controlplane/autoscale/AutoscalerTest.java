package io.scalemesh.controlplane.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalemesh.controlplane.audit.AuditLog;
import io.scalemesh.controlplane.events.EventLog;
import io.scalemesh.controlplane.fixtures.ManualClock;
import io.scalemesh.controlplane.fixtures.RecordingScaleController;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.policy.AutoscalePolicy;
import io.scalemesh.controlplane.scale.ScaleAction;
import io.scalemesh.controlplane.scale.ScaleActions;
import io.scalemesh.controlplane.scale.ScaleController;
import io.scalemesh.controlplane.time.ScaledClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autoscaler's loop over fixed CPU figures, acting through real scale actions on a recording
 * scale set. A grain is 20 ms of real time, so that many pass quickly, while the manual clock
 * stands still: a cooldown ends only when the test moves it. "Never" is checked over grains that
 * were sampled, not over a span of time.
 */
class AutoscalerTest {
  private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
  private static final Duration GRAIN = Duration.ofMillis(20);
  private static final Duration COOLDOWN = Duration.ofMinutes(1);

  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private final ManualClock clock = new ManualClock(T0);
  private final CpuHistory history = new CpuHistory();
  private final RecordingScaleController backend = RecordingScaleController.at(2);
  private ScaleActions scaling;
  private Autoscaler autoscaler;

  @Test
  void aboveTheScaleOutThresholdItScalesOutByAStepThroughScaleActions() {
    start(
        Map.of("backend", cpu("backend", 90)),
        Map.of("backend", rules(true)),
        Map.of("backend", backend));

    awaitAsked(backend, 3);
    assertThat(scaling.lastAction("backend"))
        .contains(
            new ScaleAction(
                "backend",
                T0,
                ScaleActions.AUTOSCALE,
                2,
                3,
                "average CPU 90.0% over 5 min is above 75%",
                ScaleAction.Progress.SUCCEEDED,
                ""));
  }

  @Test
  void belowTheScaleInThresholdItScalesInByAStep() {
    RecordingScaleController three = RecordingScaleController.at(3);
    start(
        Map.of("backend", cpu("backend", 10)),
        Map.of("backend", rules(true)),
        Map.of("backend", three));

    awaitAsked(three, 2);
    assertThat(scaling.lastAction("backend").orElseThrow().reason())
        .isEqualTo("average CPU 10.0% over 5 min is below 25%");
  }

  @Test
  void afterActingItWaitsOutTheCooldownWhateverTheCpu() {
    start(
        Map.of("backend", cpu("backend", 90)),
        Map.of("backend", rules(true)),
        Map.of("backend", backend));
    awaitAsked(backend, 3);
    assertThat(autoscaler.cooldownUntil("backend")).contains(T0.plus(COOLDOWN));

    awaitMoreGrains("backend", 10);
    assertThat(backend.asked()).as("during the cooldown").containsExactly(3);

    clock.advance(COOLDOWN);
    awaitAsked(backend, 3, 4);
  }

  @Test
  void itNeverActsWithoutAnEnabledPolicyButSamplesWhereThereIsOne() {
    RecordingScaleController web = RecordingScaleController.at(2);
    RecordingScaleController batch = RecordingScaleController.at(2);
    start(
        Map.of("backend", cpu("backend", 90), "web", cpu("web", 90), "batch", cpu("batch", 90)),
        Map.of("backend", rules(true), "batch", rules(false)),
        Map.of("backend", backend, "web", web, "batch", batch));

    awaitAsked(backend, 3);
    awaitMoreGrains("batch", 10);

    assertThat(batch.asked()).as("autoscale disabled").isEmpty();
    assertThat(web.asked()).as("no policy").isEmpty();
    assertThat(history.of("web")).as("no policy, so no grain to sample at").isEmpty();
  }

  @Test
  void aGrainIsSampledButNotActedOnWhileTheCapacityIsUnknown() {
    RecordingScaleController unknown = RecordingScaleController.unknown();
    start(
        Map.of("backend", cpu("backend", 90)),
        Map.of("backend", rules(true)),
        Map.of("backend", unknown));

    awaitMoreGrains("backend", 5);
    assertThat(unknown.asked()).isEmpty();

    unknown.learn(2);
    awaitAsked(unknown, 3);
  }

  @Test
  void aGrainWhoseCpuCannotBeReadIsSkippedAndTheNextOnesStillRun() {
    AtomicInteger failuresLeft = new AtomicInteger(3);
    CpuSource flaky =
        at -> {
          if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("Azure Monitor answered 503");
          }
          return new CpuSample("backend", at, 90, Map.of());
        };
    start(Map.of("backend", flaky), Map.of("backend", rules(true)), Map.of("backend", backend));

    awaitAsked(backend, 3);
  }

  private void start(
      Map<String, CpuSource> sources,
      Map<String, AutoscalePolicy> policies,
      Map<String, ScaleController> controllers) {
    scaling =
        new ScaleActions(
            controllers,
            policies,
            Map.of(),
            new AuditLog(dir.resolve("audit.jsonl")),
            new EventLog(clock),
            clock);
    autoscaler =
        teardown.add(
            new Autoscaler(sources, policies, scaling, history, new ScaledClock(clock, 1)).start());
  }

  /**
   * Waits until {@code scaleSet} has been asked for as many capacities as given; they must be
   * these.
   */
  private static void awaitAsked(RecordingScaleController scaleSet, Integer... capacities) {
    await().until(() -> scaleSet.asked().size() >= capacities.length);
    assertThat(scaleSet.asked()).containsExactly(capacities);
  }

  /** Waits until {@code count} more grains of {@code service} have been sampled. */
  private void awaitMoreGrains(String service, int count) {
    int sampled = history.of(service).size();
    await().until(() -> history.of(service).size() >= sampled + count);
  }

  /** The same figure every grain. */
  private static CpuSource cpu(String service, double percent) {
    return at -> new CpuSample(service, at, percent, Map.of());
  }

  /**
   * Out by one above 75%, in by one below 25%, over 5 minutes, within 1..5, a minute's cooldown.
   */
  private static AutoscalePolicy rules(boolean enabled) {
    return AutoscalePolicy.cpuBand(
        enabled, 1, 5, 2, 75, 25, Duration.ofMinutes(5), GRAIN, COOLDOWN, 1);
  }
}
