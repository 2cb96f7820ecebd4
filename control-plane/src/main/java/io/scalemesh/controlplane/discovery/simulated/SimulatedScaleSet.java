package io.scalemesh.controlplane.discovery.simulated;

import io.scalemesh.controlplane.discovery.DiscoveryReport;
import io.scalemesh.controlplane.discovery.DiscoverySource;
import io.scalemesh.controlplane.discovery.Instance;
import io.scalemesh.controlplane.discovery.InstanceState;
import io.scalemesh.controlplane.scale.ScaleController;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A scale set on this machine. Growing it boots new instances (not ready for {@code bootTime});
 * shrinking it drains the newest ones for {@code drainTime} before they stop, the way Azure's
 * default scale-in policy picks the highest instance ids. Every change is reported as the whole
 * set. All state lives on one scheduler thread, so nothing here needs a lock.
 */
public final class SimulatedScaleSet implements DiscoverySource, ScaleController {
  private final String name;
  private final String bindAddress;
  private final Duration bootTime;
  private final Duration drainTime;
  private final Clock clock;
  private final ScheduledExecutorService loop;
  private final Map<Integer, SimulatedInstance> instances = new TreeMap<>();
  private int capacity;
  private int nextIndex;
  private Consumer<DiscoveryReport> reports = report -> {};

  public SimulatedScaleSet(
      String name, int capacity, String bindAddress, Duration bootTime, Duration drainTime, Clock clock) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.name = name;
    this.capacity = capacity;
    this.bindAddress = bindAddress;
    this.bootTime = bootTime;
    this.drainTime = drainTime;
    this.clock = clock;
    this.loop = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("simulated-" + name).daemon().factory());
  }

  @Override
  public String scaleSet() {
    return name;
  }

  @Override
  public void start(Consumer<DiscoveryReport> reports) {
    loop.execute(() -> {
      this.reports = reports;
      converge();
    });
  }

  /** Sets the desired number of instances (booting and ready ones count, draining ones do not). */
  @Override
  public CompletableFuture<Void> setCapacity(int desired) {
    if (desired < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + desired);
    }
    return CompletableFuture.runAsync(() -> {
      capacity = desired;
      converge();
    }, loop);
  }

  @Override
  public CompletableFuture<Integer> capacity() {
    return CompletableFuture.supplyAsync(() -> capacity, loop);
  }

  private void converge() {
    List<SimulatedInstance> serving = instances.values().stream()
        .filter(i -> i.state() != InstanceState.DRAINING)
        .toList();
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
    instances.put(instance.index(), instance);
    loop.schedule(() -> {
      if (instance.state() == InstanceState.BOOTING) {
        instance.markReady();
        report();
      }
    }, bootTime.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void drain(SimulatedInstance instance) {
    instance.startDraining();
    loop.schedule(() -> {
      instance.stop();
      instances.remove(instance.index());
      report();
    }, drainTime.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void report() {
    List<Instance> current = new ArrayList<>(instances.size());
    instances.values().forEach(i -> current.add(i.describe(bindAddress)));
    reports.accept(new DiscoveryReport.Complete(name, current, clock.instant()));
  }

  @Override
  public void close() {
    CompletableFuture.runAsync(() -> instances.values().forEach(SimulatedInstance::stop), loop).join();
    loop.shutdownNow();
  }
}
