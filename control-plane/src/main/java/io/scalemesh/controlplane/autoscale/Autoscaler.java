package io.scalemesh.controlplane.autoscale;

import io.scalemesh.controlplane.policy.AutoscalePolicy;
import io.scalemesh.controlplane.scale.CapacityChange;
import io.scalemesh.controlplane.scale.ScaleActions;
import io.scalemesh.controlplane.time.ScaledClock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples each scale set's CPU once per time grain and, where autoscale is enabled, applies the
 * policy's rules through {@link ScaleActions}, like Azure Monitor autoscale does for a scale set on
 * Azure. Samples are kept for the status stream whether autoscale is enabled or not.
 */
public final class Autoscaler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Autoscaler.class);

  private final Map<String, CpuSource> sources;
  private final Map<String, AutoscalePolicy> policies;
  private final ScaleActions scaling;
  private final CpuHistory history;
  private final ScaledClock clock;
  private final Map<String, Instant> cooldownUntil = new ConcurrentHashMap<>();
  private final Map<String, String> cpuErrors = new ConcurrentHashMap<>();
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("autoscaler").daemon().factory());

  /**
   * @param sources where each scale set's CPU comes from, by name
   * @param policies the configured ones, by name; a cloud-autoscaled scale set's should not be
   *     enabled
   */
  public Autoscaler(
      Map<String, CpuSource> sources,
      Map<String, AutoscalePolicy> policies,
      ScaleActions scaling,
      CpuHistory history,
      ScaledClock clock) {
    this.sources = Map.copyOf(sources);
    this.policies = Map.copyOf(policies);
    this.scaling = scaling;
    this.history = history;
    this.clock = clock;
  }

  public Autoscaler start() {
    sources.forEach(
        (service, source) ->
            Optional.ofNullable(policies.get(service))
                .ifPresent(
                    policy -> {
                      long grainNanos = clock.realDuration(policy.timeGrain()).toNanos();
                      loop.scheduleAtFixedRate(
                          () -> tick(service, source, policy),
                          grainNanos,
                          grainNanos,
                          TimeUnit.NANOSECONDS);
                    }));
    return this;
  }

  /** Why a service's last CPU read failed, while it does. */
  public Optional<String> cpuError(String service) {
    return Optional.ofNullable(cpuErrors.get(service));
  }

  /**
   * A CPU read; a failure is kept for the status and said once in the log, until a read succeeds.
   */
  private CpuSample sample(String service, CpuSource source, Instant now) {
    try {
      CpuSample sample = source.sample(now);
      cpuErrors.remove(service);
      return sample;
    } catch (RuntimeException e) {
      String error = String.valueOf(e.getMessage());
      if (!error.equals(cpuErrors.put(service, error))) {
        LOG.warn("the CPU of {} could not be read: {}", service, error);
      }
      throw new SkippedGrain();
    }
  }

  /** A grain without a CPU figure: nothing to decide, and already said. */
  private static final class SkippedGrain extends RuntimeException {
    SkippedGrain() {
      super(null, null, false, false);
    }
  }

  /** When the cooldown of a scale set's last autoscale action ends, if one runs now. */
  public Optional<Instant> cooldownUntil(String service) {
    Instant until = cooldownUntil.get(service);
    return until != null && until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
  }

  private void tick(String service, CpuSource source, AutoscalePolicy policy) {
    try {
      Instant now = clock.instant();
      history.add(sample(service, source, now));
      OptionalInt capacity = scaling.capacity(service);
      if (capacity.isEmpty()) {
        return;
      }
      Instant cooldown = cooldownUntil.getOrDefault(service, Instant.MIN);
      AutoscaleEvaluator.evaluate(policy, history.of(service), capacity.getAsInt(), now, cooldown)
          .ifPresent(
              decision -> {
                scaling.autoscale(
                    new CapacityChange(
                        service,
                        CapacityChange.Kind.SET,
                        decision.capacity(),
                        decision.reason(),
                        ""));
                cooldownUntil.put(service, now.plus(decision.cooldown()));
              });
    } catch (SkippedGrain e) {
      // The CPU read failed and said so.
    } catch (RuntimeException e) {
      // One bad tick must not end the schedule (a thrown exception would cancel it for good).
      LOG.warn("autoscale of {} skipped a grain: {}", service, e.toString());
    }
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
