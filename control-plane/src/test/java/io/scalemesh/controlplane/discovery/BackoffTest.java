package io.scalemesh.controlplane.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void waitsDoubleFromASecondAndJitterNeverTakesThemPastTheMinute() {
    SplittableRandom random = new SplittableRandom(7);
    for (int failures = 1; failures <= 40; failures++) {
      double base = Math.min(60_000, 1_000 * Math.pow(2, failures - 1));
      for (int draw = 0; draw < 1_000; draw++) {
        Duration wait = Backoff.after(failures, random);
        assertThat(wait)
            .as("after %d failures", failures)
            .isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat((double) wait.toMillis()).isBetween(base * 0.75 - 1, base * 1.25 + 1);
      }
    }
  }
}
