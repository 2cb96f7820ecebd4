package io.scalemesh.console.health;

import io.scalemesh.console.health.Health.Level;
import io.scalemesh.console.mesh.CallErrors;
import io.scalemesh.console.mesh.ScaleSetSummary;
import io.scalemesh.model.console.v1.EndpointStatus;
import io.scalemesh.model.console.v1.Instance;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.ScaleSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Judges a status: what makes the mesh failing (a service with nothing ready to route to), and what
 * degrades it (discovery failing while the last good set is kept, a removal held, NACKs, proxies
 * that stay out of sync, unhealthy instances, a CPU that cannot be read). Calls failing, as the
 * proxies report them, do either: a service whose share of failing calls is severe is failing, one
 * whose share is noticeable is degraded, and so is one with instances that fail noticeably while
 * the service as a whole does not (see {@link CallErrors} for the thresholds). Booting and draining
 * instances are not reasons: they are what scaling looks like.
 */
final class HealthRules {
  private HealthRules() {}

  /**
   * @param outOfSyncTooLong how many proxies have been out of sync for longer than a publication
   *     takes to be acknowledged
   */
  static Health judge(MeshStatus status, long outOfSyncTooLong) {
    List<String> failing = new ArrayList<>();
    List<String> degraded = new ArrayList<>();
    for (ScaleSet scaleSet : status.getScaleSetsList()) {
      ScaleSetSummary summary = ScaleSetSummary.of(scaleSet);
      String name = scaleSet.getName();
      if (summary.desired() > 0 && summary.ready() == 0) {
        failing.add(name + ": no instance ready");
      }
      if (!scaleSet.getDiscoveryError().isEmpty()) {
        degraded.add(
            name
                + ": discovery failing, last good set kept ("
                + scaleSet.getDiscoveryError()
                + ")");
      }
      if (scaleSet.hasRemovalHold()) {
        degraded.add(
            name + ": removal of " + scaleSet.getRemovalHold().getGone() + " instances held");
      }
      long unhealthy =
          scaleSet.getInstancesList().stream()
              .map(Instance::getEndpointStatus)
              .filter(EndpointStatus.ENDPOINT_STATUS_UNHEALTHY::equals)
              .count();
      if (unhealthy > 0) {
        degraded.add(
            name + ": " + unhealthy + (unhealthy == 1 ? " instance" : " instances") + " unhealthy");
      }
      if (!summary.cpuError().isEmpty()) {
        degraded.add(name + ": CPU not read");
      }
      judgeCalls(scaleSet, failing, degraded);
    }
    long nacked = status.getProxiesList().stream().filter(p -> !p.getLastNack().isEmpty()).count();
    if (nacked > 0) {
      degraded.add(nacked + (nacked == 1 ? " proxy" : " proxies") + " rejected config (NACK)");
    }
    if (outOfSyncTooLong > 0) {
      degraded.add(outOfSyncTooLong + " of " + status.getProxiesCount() + " proxies out of sync");
    }
    List<String> reasons = new ArrayList<>(failing);
    reasons.addAll(degraded);
    Level level =
        !failing.isEmpty() ? Level.FAILING : !degraded.isEmpty() ? Level.DEGRADED : Level.HEALTHY;
    return new Health(level, List.copyOf(reasons));
  }

  /** How many failing instances a reason names; the rest it counts. */
  private static final int NAMED_INSTANCES = 3;

  private static void judgeCalls(ScaleSet scaleSet, List<String> failing, List<String> degraded) {
    String name = scaleSet.getName();
    CallErrors service = CallErrors.of(scaleSet.getTraffic());
    String calls =
        name
            + ": "
            + service.describeShare()
            + " of calls failing ("
            + String.format(
                Locale.ROOT,
                "%.1f of %.1f req/s",
                service.errorsPerSecond(),
                service.requestsPerSecond())
            + ")";
    switch (service.level()) {
      case SEVERE -> failing.add(calls);
      case NOTICEABLE -> degraded.add(calls);
      case NONE -> {
        List<String> instances =
            scaleSet.getInstancesList().stream()
                .filter(i -> CallErrors.of(i.getTraffic()).level() != CallErrors.Level.NONE)
                .sorted(
                    Comparator.comparingDouble(
                            (Instance i) -> CallErrors.of(i.getTraffic()).share())
                        .reversed())
                .map(i -> i.getName() + " " + CallErrors.of(i.getTraffic()).describeShare())
                .toList();
        if (!instances.isEmpty()) {
          int more = instances.size() - NAMED_INSTANCES;
          degraded.add(
              name
                  + ": calls failing on "
                  + String.join(
                      ", ", instances.subList(0, Math.min(NAMED_INSTANCES, instances.size())))
                  + (more > 0 ? " and " + more + " more" : ""));
        }
      }
    }
  }
}
