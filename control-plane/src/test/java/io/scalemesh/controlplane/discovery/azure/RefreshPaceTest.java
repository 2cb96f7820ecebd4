package io.scalemesh.controlplane.discovery.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The period between reads of a scale set, from its state and Azure's remaining call budgets. */
class RefreshPaceTest {
  private static final Duration AT_REST = Duration.ofSeconds(15);
  private static final Duration FAST = Duration.ofSeconds(2);

  private final AtomicBoolean changing = new AtomicBoolean();
  private final RateLimits limits = new RateLimits();
  private final RefreshPace pace = new RefreshPace(AT_REST, FAST, changing::get, limits);

  @Test
  void fastWhileTheScaleSetChangesSlowAtRest() {
    assertThat(pace.next()).isEqualTo(AT_REST);
    changing.set(true);
    assertThat(pace.next()).isEqualTo(FAST);
  }

  @Test
  void aLowBudgetHoldsReadsToTheRestPeriodAndAScarceOneToFourTimesIt() {
    changing.set(true);
    answered(
        Map.of(
            "x-ms-ratelimit-remaining-resource",
            "Microsoft.Compute/GetVMScaleSet3Min;19,Microsoft.Compute/GetVMScaleSet30Min;1200"));
    assertThat(pace.next()).isEqualTo(AT_REST);

    answered(Map.of("x-ms-ratelimit-remaining-subscription-reads", "4"));
    assertThat(pace.next()).isEqualTo(AT_REST.multipliedBy(4));

    // Budgets refill: a later answer replaces what an earlier one said of the same budget.
    answered(
        Map.of(
            "x-ms-ratelimit-remaining-resource",
            "Microsoft.Compute/GetVMScaleSet3Min;150",
            "x-ms-ratelimit-remaining-subscription-reads",
            "11990"));
    assertThat(pace.next()).isEqualTo(FAST);
    assertThat(limits.remaining())
        .containsEntry("Microsoft.Compute/GetVMScaleSet3Min", 150)
        .containsEntry("Microsoft.Compute/GetVMScaleSet30Min", 1200);
  }

  @Test
  void aHeaderThatCannotBeReadIsLeftOutNeverGuessed() {
    changing.set(true);
    answered(
        Map.of(
            "x-ms-ratelimit-remaining-resource",
            "Microsoft.Compute/GetVMScaleSet3Min;lots,no-count,Microsoft.Compute/X;-3",
            "x-ms-ratelimit-remaining-subscription-reads",
            ""));

    assertThat(limits.remaining()).isEmpty();
    assertThat(pace.next()).isEqualTo(FAST);
  }

  private void answered(Map<String, String> headers) {
    HttpHeaders httpHeaders = new HttpHeaders();
    headers.forEach(httpHeaders::set);
    limits.heard(httpHeaders);
  }
}
