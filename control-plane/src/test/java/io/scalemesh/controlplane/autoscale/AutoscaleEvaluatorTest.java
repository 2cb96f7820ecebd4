package io.scalemesh.controlplane.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.controlplane.policy.AutoscalePolicy;
import io.scalemesh.controlplane.policy.AutoscaleRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Azure Monitor autoscale semantics, one row per behaviour. */
class AutoscaleEvaluatorTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration WINDOW = Duration.ofMinutes(5);

  /**
   * The Terraform module's rules: out by 1 above 75%, in by 1 below 25%, 5 min window, 1 min
   * cooldown.
   */
  private static final AutoscalePolicy BAND =
      AutoscalePolicy.cpuBand(2, 10, 2, 75, 25, WINDOW, MINUTE, MINUTE, 1);

  /**
   * @param samples one CPU average per minute, oldest first, the last one at NOW
   * @param expected the capacity it should move to, or null for no action
   */
  record Row(
      String name,
      AutoscalePolicy policy,
      List<Double> samples,
      int capacity,
      Instant cooldownUntil,
      Integer expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> rows() {
    Instant noCooldown = NOW.minusSeconds(1);
    AutoscalePolicy twoOutRules =
        new AutoscalePolicy(
            true,
            1,
            10,
            1,
            MINUTE,
            List.of(
                AutoscaleRule.band(AutoscaleRule.Direction.INCREASE, 75, MINUTE, WINDOW, 1, MINUTE),
                AutoscaleRule.band(
                    AutoscaleRule.Direction.INCREASE, 90, MINUTE, WINDOW, 3, MINUTE)));
    AutoscalePolicy twoInRules =
        new AutoscalePolicy(
            true,
            1,
            10,
            1,
            MINUTE,
            List.of(
                AutoscaleRule.band(AutoscaleRule.Direction.DECREASE, 25, MINUTE, WINDOW, 1, MINUTE),
                AutoscaleRule.band(
                    AutoscaleRule.Direction.DECREASE,
                    10,
                    MINUTE,
                    Duration.ofMinutes(2),
                    2,
                    MINUTE)));
    AutoscalePolicy bigStepIn =
        AutoscalePolicy.cpuBand(1, 10, 1, 75, 25, WINDOW, MINUTE, MINUTE, 3);
    return Stream.of(
            new Row(
                "above the out threshold: out by one",
                BAND,
                List.of(80.0, 80.0, 80.0, 80.0, 80.0),
                3,
                noCooldown,
                4),
            new Row(
                "exactly at the threshold: nothing",
                BAND,
                List.of(75.0, 75.0, 75.0, 75.0, 75.0),
                3,
                noCooldown,
                null),
            new Row(
                "between the thresholds: nothing",
                BAND,
                List.of(50.0, 50.0, 50.0, 50.0, 50.0),
                3,
                noCooldown,
                null),
            new Row(
                "below the in threshold: in by one",
                BAND,
                List.of(10.0, 10.0, 10.0, 10.0, 10.0),
                4,
                noCooldown,
                3),
            new Row(
                "the window averages: one spike is not enough",
                BAND,
                List.of(50.0, 50.0, 50.0, 50.0, 99.0),
                3,
                noCooldown,
                null),
            new Row(
                "samples older than the window do not count",
                BAND,
                List.of(100.0, 100.0, 100.0, 50.0, 50.0, 50.0, 50.0, 50.0),
                3,
                noCooldown,
                null),
            new Row("no samples in the window: nothing", BAND, List.of(), 3, noCooldown, null),
            new Row(
                "cooldown running: nothing",
                BAND,
                List.of(90.0, 90.0, 90.0, 90.0, 90.0),
                3,
                NOW.plusSeconds(30),
                null),
            new Row(
                "cooldown blocks scale-in too",
                BAND,
                List.of(5.0, 5.0, 5.0, 5.0, 5.0),
                4,
                NOW.plusSeconds(30),
                null),
            new Row(
                "at the maximum: no scale-out",
                BAND,
                List.of(99.0, 99.0, 99.0, 99.0, 99.0),
                10,
                noCooldown,
                null),
            new Row(
                "at the minimum: no scale-in",
                BAND,
                List.of(1.0, 1.0, 1.0, 1.0, 1.0),
                2,
                noCooldown,
                null),
            new Row(
                "below the minimum: back to it, cooldown or not",
                BAND,
                List.of(),
                1,
                NOW.plusSeconds(30),
                2),
            new Row("above the maximum: back to it", BAND, List.of(), 12, noCooldown, 10),
            new Row(
                "a step past the maximum is clamped",
                AutoscalePolicy.cpuBand(1, 5, 1, 75, 25, WINDOW, MINUTE, MINUTE, 3),
                List.of(90.0, 90.0, 90.0, 90.0, 90.0),
                4,
                noCooldown,
                5),
            new Row(
                "any scale-out rule: the largest result wins",
                twoOutRules,
                List.of(95.0, 95.0, 95.0, 95.0, 95.0),
                2,
                noCooldown,
                5),
            new Row(
                "any scale-out rule: one firing is enough",
                twoOutRules,
                List.of(80.0, 80.0, 80.0, 80.0, 80.0),
                2,
                noCooldown,
                3),
            new Row(
                "all scale-in rules must fire",
                twoInRules,
                List.of(20.0, 20.0, 20.0, 20.0, 20.0),
                6,
                noCooldown,
                null),
            new Row(
                "all firing: the smallest decrease wins",
                twoInRules,
                List.of(5.0, 5.0, 5.0, 5.0, 5.0),
                6,
                noCooldown,
                5),
            // 20% on 3 instances projects to 30% on 2: fine. 20% on 4 -> 1 would be 80%: flapping.
            new Row(
                "flapping protection reduces a scale-in",
                bigStepIn,
                List.of(20.0, 20.0, 20.0, 20.0, 20.0),
                4,
                noCooldown,
                2),
            // With a narrow band, 24% on 2 instances projects to 48% on 1: above 40%, so no
            // scale-in at all.
            new Row(
                "flapping protection skips a scale-in",
                AutoscalePolicy.cpuBand(1, 10, 1, 40, 25, WINDOW, MINUTE, MINUTE, 1),
                List.of(24.0, 24.0, 24.0, 24.0, 24.0),
                2,
                noCooldown,
                null),
            new Row(
                "the same band without flapping scales in",
                AutoscalePolicy.cpuBand(1, 10, 1, 40, 25, WINDOW, MINUTE, MINUTE, 1),
                List.of(15.0, 15.0, 15.0, 15.0, 15.0),
                2,
                noCooldown,
                1),
            new Row(
                "disabled: nothing",
                new AutoscalePolicy(false, 1, 10, 1, MINUTE, BAND.rules()),
                List.of(99.0, 99.0, 99.0, 99.0, 99.0),
                3,
                noCooldown,
                null))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void decides(Row row) {
    Optional<AutoscaleDecision> decision =
        AutoscaleEvaluator.evaluate(
            row.policy(), samples(row.samples()), row.capacity(), NOW, row.cooldownUntil());

    assertThat(decision.map(AutoscaleDecision::capacity))
        .isEqualTo(Optional.ofNullable(row.expected()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void everyDecisionStaysWithinTheBounds(Row row) {
    AutoscaleEvaluator.evaluate(
            row.policy(), samples(row.samples()), row.capacity(), NOW, row.cooldownUntil())
        .ifPresent(decision -> assertThat(row.policy().allows(decision.capacity())).isTrue());
  }

  private static List<CpuSample> samples(List<Double> averages) {
    List<CpuSample> samples = new ArrayList<>();
    for (int i = 0; i < averages.size(); i++) {
      Instant at = NOW.minus(MINUTE.multipliedBy(averages.size() - 1 - i));
      samples.add(new CpuSample("backend", at, averages.get(i), Map.of()));
    }
    return samples;
  }
}
