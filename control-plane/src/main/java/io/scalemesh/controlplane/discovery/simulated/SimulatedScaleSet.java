package io.scalemesh.controlplane.discovery.simulated;

import io.scalemesh.controlplane.autoscale.CpuSample;
import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.discovery.DiscoverySource;
import io.scalemesh.controlplane.discovery.ServiceCapabilities;
import io.scalemesh.controlplane.faults.CallFailures;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.scale.PendingChange;
import io.scalemesh.controlplane.scale.ScaleController;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A scale set on this machine, which reports itself and is scaled directly (its CPU is sampled with
 * {@link #sample}). Growing it boots new instances (not ready for {@code bootTime}); shrinking it
 * drains the newest ones for {@code drainTime} before they stop, the way Azure's default scale-in
 * policy picks the highest instance ids. Every change is reported as the whole set. All state lives
 * on one scheduler thread, so nothing here needs a lock.
 *
 * <p>Each instance's CPU follows the calls it really served: {@code cpuCapacity} calls per second
 * make 100%, on top of a small idle load and a little noise.
 */
public final class SimulatedScaleSet implements DiscoverySource, ScaleController, CallFailures {
  private static final double IDLE_CPU = 2.0;
  private static final double NOISE_CPU = 1.5;

  private final String name;
  private final String bindAddress;
  private final Duration bootTime;
  private final Duration drainTime;
  private final Clock clock;
  private final double cpuCapacity;
  private final Random noise = new Random();
  private final ScheduledExecutorService loop;
  private long lastSampleNanos = System.nanoTime();
  private final Map<Integer, SimulatedInstance> instances = new TreeMap<>();

  /**
   * The share of its calls each instance fails, by name: set before it exists, or while it runs.
   */
  private final Map<String, Double> failShares = new ConcurrentHashMap<>();

  /** Written on the loop's thread, read from anywhere (the status, scale requests). */
  private volatile int capacity;

  private int nextIndex;
  private Consumer<DiscoveryReport> reports = report -> {};

  /**
   * @param cpuCapacity calls per (real) second that keep one instance at 100% CPU
   */
  public SimulatedScaleSet(
      String name,
      int capacity,
      String bindAddress,
      Duration bootTime,
      Duration drainTime,
      double cpuCapacity,
      Clock clock) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.name = name;
    this.capacity = capacity;
    this.bindAddress = bindAddress;
    this.bootTime = bootTime;
    this.drainTime = drainTime;
    this.clock = clock;
    this.cpuCapacity = cpuCapacity;
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("simulated-" + name).daemon().factory());
  }

  /**
   * It discovers and scales itself, measures its CPU, and fails calls when asked; it reads no
   * cloud's autoscale setting, and no cloud tells it of changes.
   */
  public ServiceCapabilities capabilities() {
    return new ServiceCapabilities(
        this,
        Optional.of(this),
        Optional.of(this::sample),
        Optional.empty(),
        Optional.empty(),
        Optional.of(this));
  }

  @Override
  public String service() {
    return name;
  }

  @Override
  public void start(Consumer<DiscoveryReport> reports) {
    loop.execute(
        guarded(
            () -> {
              this.reports = reports;
              converge();
            }));
  }

  /** Sets the desired number of instances (booting and ready ones count, draining ones do not). */
  @Override
  public CompletableFuture<PendingChange> setCapacity(int desired) {
    if (desired < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + desired);
    }
    return CompletableFuture.runAsync(
            guarded(
                () -> {
                  capacity = desired;
                  converge();
                }),
            loop)
        .thenApply(done -> PendingChange.done());
  }

  @Override
  public OptionalInt capacity() {
    return OptionalInt.of(capacity);
  }

  /** Makes instances fail a share of their calls as they boot, by name (e.g. backend_2). */
  public SimulatedScaleSet failingCalls(Map<String, Double> shares) {
    failShares.putAll(shares);
    return this;
  }

  @Override
  public double failCalls(String instance, double share) {
    try {
      return failCallsOnTheLoop(instance, share).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private CompletableFuture<Double> failCallsOnTheLoop(String instance, double share) {
    return CompletableFuture.supplyAsync(
        () -> {
          SimulatedInstance running =
              instances.values().stream()
                  .filter(i -> i.name().equals(instance))
                  .findFirst()
                  .orElseThrow(() -> new NoSuchElementException(instance));
          Double before = failShares.put(instance, share);
          running.failShare(share);
          return before == null ? 0.0 : before;
        },
        loop);
  }

  /** Its CPU now: the calls each instance served since the last sample. */
  public CpuSample sample(Instant at) {
    return CompletableFuture.supplyAsync(
            () -> {
              long now = System.nanoTime();
              double seconds = Math.max(1e-3, (now - lastSampleNanos) / 1e9);
              lastSampleNanos = now;
              Map<String, Double> perInstance = new HashMap<>();
              for (SimulatedInstance instance : instances.values()) {
                double load = instance.takeCallsServed() / seconds / cpuCapacity * 100;
                double cpu = IDLE_CPU + load + noise.nextGaussian() * NOISE_CPU;
                perInstance.put(instance.name(), Math.clamp(cpu, 0.0, 100.0));
              }
              double average =
                  perInstance.values().stream()
                      .mapToDouble(Double::doubleValue)
                      .average()
                      .orElse(0);
              return new CpuSample(name, at, average, perInstance);
            },
            loop)
        .join();
  }

  private void converge() {
    List<SimulatedInstance> serving =
        instances.values().stream().filter(i -> i.state() != InstanceState.DRAINING).toList();
    for (int i = serving.size(); i < capacity; i++) {
      boot();
    }
    serving.stream()
        .sorted(Comparator.comparingInt(SimulatedInstance::index).reversed())
        .limit(Math.max(0, serving.size() - capacity))
        .forEach(this::drain);
    report();
  }

  private void boot() {
    SimulatedInstance instance = new SimulatedInstance(name, nextIndex++, bindAddress);
    instance.failShare(failShares.getOrDefault(instance.name(), 0.0));
    instances.put(instance.index(), instance);
    loop.schedule(
        guarded(
            () -> {
              if (instance.state() == InstanceState.BOOTING) {
                instance.markReady();
                report();
              }
            }),
        bootTime.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void drain(SimulatedInstance instance) {
    instance.startDraining();
    // Stopping waits for in-flight calls; it runs beside the loop so boots and scaling go on.
    loop.schedule(
        () ->
            CompletableFuture.runAsync(instance::stop)
                .whenCompleteAsync(
                    (done, error) ->
                        guarded(
                                () -> {
                                  instances.remove(instance.index());
                                  report();
                                })
                            .run(),
                    loop),
        drainTime.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * A task for the loop that cannot fail silently: an executor keeps a task's exception in a future
   * nobody reads, so say what went wrong as a failed refresh instead.
   */
  private Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        reports.accept(
            new DiscoveryReport.Failed(name, "simulation: " + e.getMessage(), clock.instant()));
      }
    };
  }

  private void report() {
    List<Instance> current = new ArrayList<>(instances.size());
    instances.values().forEach(i -> current.add(i.describe(bindAddress)));
    reports.accept(new DiscoveryReport.Complete(name, current, clock.instant()));
  }

  @Override
  public void close() {
    CompletableFuture.runAsync(() -> instances.values().forEach(SimulatedInstance::stop), loop)
        .join();
    loop.shutdownNow();
  }
}
