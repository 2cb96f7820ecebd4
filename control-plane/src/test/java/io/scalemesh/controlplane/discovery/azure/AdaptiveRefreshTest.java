package io.scalemesh.controlplane.discovery.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalemesh.controlplane.fixtures.ColdStartPatience;
import io.scalemesh.controlplane.fixtures.PublishedInstances;
import io.scalemesh.controlplane.fixtures.azure.FakeScaleSet;
import io.scalemesh.controlplane.fixtures.azure.ResourceManagerStub;
import io.scalemesh.controlplane.mesh.InstanceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A scale set is read fast while it changes and slowly at rest, and more slowly still when Resource
 * Manager's answers say its call budget runs low: seen in when the local Resource Manager was asked
 * for the scale set.
 */
@ExtendWith(ColdStartPatience.class)
class AdaptiveRefreshTest {
  private static final Duration AT_REST = Duration.ofSeconds(4);

  @RegisterExtension final AzurePlane mesh = new AzurePlane();

  @Test
  void aScaleOutIsFollowedAtTheFastPeriodAndAtRestReadsFallBack() throws Exception {
    FakeScaleSet web = mesh.azure().scaleSet("web", false, 2);
    mesh.startVmss("web", 4, 1);
    await().untilAsserted(() -> assertThat(mesh.xds().endpoints()).hasSize(2));
    Thread.sleep(2 * AT_REST.toMillis() + 500);
    assertThat(intervalsSince(Instant.now().minus(AT_REST.multipliedBy(2))))
        .as("at rest: no faster than the rest period")
        .allSatisfy(gap -> assertThat(gap).isGreaterThan(AT_REST.minusMillis(300)));

    Runnable provisioned = web.resize(3);
    await()
        .atMost(AT_REST.multipliedBy(3))
        .until(() -> PublishedInstances.of(mesh.plane()).size() == 3);
    Thread.sleep(3_000);
    Instant ready = Instant.now();
    provisioned.run();
    await()
        .until(
            () ->
                PublishedInstances.of(mesh.plane()).stream()
                    .allMatch(instance -> instance.state() == InstanceState.READY));

    List<Duration> inTransition = intervalsSince(ready.minusSeconds(3));
    assertThat(inTransition)
        .as("while the new VM boots: reads at the fast period")
        .isNotEmpty()
        .allSatisfy(gap -> assertThat(gap).isLessThan(AT_REST.dividedBy(2)));
    assertThat(scaleSetReadsSince(ready))
        .as("the VM's readiness was published by the first or second read after it")
        .isLessThanOrEqualTo(2);

    Instant rest = Instant.now();
    Thread.sleep(2 * AT_REST.toMillis() + 500);
    assertThat(intervalsSince(rest.plusSeconds(2)))
        .as("back at rest: reads fall back to the rest period")
        .isNotEmpty()
        .allSatisfy(gap -> assertThat(gap).isGreaterThan(AT_REST.minusMillis(300)));
  }

  @Test
  void aComputeBudgetRunningLowSlowsReadsBeforeAnyThrottling() throws Exception {
    ResourceManagerStub azure = mesh.azure();
    // Each read spends three Compute calls (the scale set, two pages of VMs): at the fast period
    // that is 180 a minute against a refill of 30, so the budget of 30 would be gone in 12 s.
    azure.computeBudget(30, 30);
    FakeScaleSet web = azure.scaleSet("web", false, 3);
    web.vm(2).state("Creating", "starting", "initializing");
    mesh.startVmss("web", 2, 1);

    Thread.sleep(30_000);

    assertThat(azure.throttled()).as("no 429").isEmpty();
    assertThat(azure.computeBudgetHeard())
        .as("the budget did run low, so pacing was needed")
        .anySatisfy(left -> assertThat(left).isLessThan(RefreshPace.SCARCE));
    assertThat(PublishedInstances.of(mesh.plane())).hasSize(3);
  }

  /** The gaps between successive reads of the scale set that started after {@code since}. */
  private List<Duration> intervalsSince(Instant since) {
    List<Instant> reads = scaleSetReadTimes(since);
    List<Duration> gaps = new ArrayList<>();
    for (int i = 1; i < reads.size(); i++) {
      gaps.add(Duration.between(reads.get(i - 1), reads.get(i)));
    }
    return gaps;
  }

  private long scaleSetReadsSince(Instant since) {
    return scaleSetReadTimes(since).size();
  }

  private List<Instant> scaleSetReadTimes(Instant since) {
    return mesh.azure().requests().stream()
        .filter(r -> r.method().equals("GET"))
        .filter(r -> r.path().toLowerCase(Locale.ROOT).endsWith("/virtualmachinescalesets/web"))
        .map(ResourceManagerStub.Request::at)
        .filter(at -> at.isAfter(since))
        .toList();
  }
}
