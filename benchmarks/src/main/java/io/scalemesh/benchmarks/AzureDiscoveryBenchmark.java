package io.scalemesh.benchmarks;

import com.azure.storage.queue.QueueClient;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.config.ScalemeshConfig;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.fixtures.azure.AzureSources;
import io.scalemesh.controlplane.fixtures.azure.Azurite;
import io.scalemesh.controlplane.fixtures.azure.FakeScaleSet;
import io.scalemesh.controlplane.fixtures.azure.FakeVm;
import io.scalemesh.controlplane.fixtures.azure.ResourceEvents;
import io.scalemesh.controlplane.fixtures.azure.ResourceManagerStub;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.InstanceState;
import io.scalemesh.controlplane.publish.PublishListener;
import io.scalemesh.controlplane.publish.Published;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * How soon a change of an Azure scale set is published, through the real Azure SDK against the
 * tests' local Resource Manager: from the moment its answers change (a booting instance becomes
 * ready; a ready one starts deleting) to the publication that shows it. Three ways of noticing:
 * polling (15 s throughout, as before adaptive refresh), adaptive refresh (15 s at rest, 2 s while
 * the scale set changes), and adaptive refresh with Azure's change events through a Storage queue
 * (Azurite; each change's event is sent as its answers change, so Event Grid's own delivery time,
 * seconds, comes on top). Also Resource Manager reads per hour, at rest and while a new VM boots.
 *
 * <p>Usage: {@code ./run bench azure-discovery [MODE] [CHANGES]}: MODE polling, adaptive, events or
 * all (default); CHANGES of each kind (default 12: 24 changes a mode).
 */
public final class AzureDiscoveryBenchmark {
  private static final String QUEUE = "scale-set-changes";
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private enum Mode {
    POLLING(15, 15, false),
    ADAPTIVE(15, 2, false),
    EVENTS(15, 2, true);

    final int atRest;
    final int inTransition;
    final boolean events;

    Mode(int atRest, int inTransition, boolean events) {
      this.atRest = atRest;
      this.inTransition = inTransition;
      this.events = events;
    }
  }

  /** A publication: its instances, and when (System.nanoTime). */
  private record Publication(List<Instance> instances, long at) {}

  private final Object published = new Object();
  private final List<Publication> publications = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "all";
    int changes = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    for (Mode each : Mode.values()) {
      if (mode.equals("all") || mode.equalsIgnoreCase(each.name())) {
        new AzureDiscoveryBenchmark().run(each, changes);
      }
    }
    System.exit(0);
  }

  private void run(Mode mode, int changes) throws Exception {
    Path dir = Files.createTempDirectory("scalemesh-bench-azure");
    try (ResourceManagerStub azure = new ResourceManagerStub();
        Azurite azurite = mode.events ? new Azurite(dir.resolve("azurite")) : null) {
      azure.pageSize(100);
      FakeScaleSet web = azure.scaleSet("web", false, 4);
      Optional<QueueClient> queue = Optional.ofNullable(azurite).map(a -> a.queue(QUEUE));
      queue.ifPresent(QueueClient::create);
      ScalemeshConfig config = config(dir, azure, azurite, mode);
      try (ControlPlane plane =
          ControlPlane.startWith(
              config, List.of(AzureSources.firstVmss(config)), Clock.systemUTC())) {
        plane.publisher().addListener(new Recorder());
        awaitPublished(instances -> instances.size() == 4, System.nanoTime() - 1);

        int before = azure.requests().size();
        Thread.sleep(4L * mode.atRest * 1000);
        double atRest = (azure.requests().size() - before) * 3600.0 / (4 * mode.atRest);

        List<Long> ready = new ArrayList<>();
        List<Long> draining = new ArrayList<>();
        long transitionReads = 0;
        long transitionNanos = 0;
        for (int i = 0; i < changes; i++) {
          // A scale-out: a new VM is created and boots, then becomes ready (the change measured).
          Runnable provisioned = web.resize(web.vms().size() + 1);
          FakeVm added = web.vms().getLast();
          event(queue, ResourceManagerStub.scaleSetId("web"));
          long asked = System.nanoTime();
          awaitPublished(has(added.name, InstanceState.BOOTING), asked);
          sleepUpTo(mode.inTransition);
          int readsBefore = azure.requests().size();
          long changed = System.nanoTime();
          provisioned.run();
          event(queue, vmId(added));
          ready.add(awaitPublished(has(added.name, InstanceState.READY), changed) - changed);
          transitionReads += azure.requests().size() - readsBefore;
          transitionNanos += System.nanoTime() - changed;

          // At rest again, after a while, a VM starts deleting.
          sleepUpTo(mode.atRest);
          FakeVm leaving = web.vms().getFirst();
          changed = System.nanoTime();
          leaving.state("Deleting", "running", "healthy");
          event(queue, vmId(leaving));
          draining.add(
              awaitPublished(has(leaving.name, InstanceState.DRAINING), changed) - changed);
          web.remove(leaving);
          awaitPublished(
              instances -> instances.stream().noneMatch(x -> x.name().equals(leaving.name)),
              System.nanoTime());
        }

        System.out.printf(
            "%s (refresh %d s at rest, %d s while changing%s)%n",
            mode.name().toLowerCase(),
            mode.atRest,
            mode.inTransition,
            mode.events ? ", change events from Azurite" : "");
        System.out.println(
            "  booting VM becomes ready -> published:  " + Percentiles.ofNanos(ready));
        System.out.println(
            "  ready VM starts deleting -> published:  " + Percentiles.ofNanos(draining));
        System.out.printf("  Resource Manager reads per hour at rest: %.0f%n", atRest);
        System.out.printf(
            "  Resource Manager reads per hour while a new VM boots: %.0f%n",
            transitionReads * 3600e9 / transitionNanos);
      }
    }
  }

  private static String vmId(FakeVm vm) {
    return ResourceManagerStub.scaleSetId("web") + "/virtualMachines/" + vm.instanceId;
  }

  /** A change's event, as the resource group's Event Grid system topic would send it. */
  private static void event(Optional<QueueClient> queue, String subject) {
    queue.ifPresent(
        q ->
            q.sendMessage(
                ResourceEvents.base64(ResourceEvents.eventGrid(ResourceEvents.WRITE, subject))));
  }

  private static void sleepUpTo(int seconds) throws InterruptedException {
    Thread.sleep(500 + ThreadLocalRandom.current().nextLong(seconds * 1000L));
  }

  private static Predicate<List<Instance>> has(String name, InstanceState state) {
    return instances ->
        instances.stream().anyMatch(i -> i.name().equals(name) && i.state() == state);
  }

  /** When the first publication after {@code since} showed what {@code wanted} asks. */
  private long awaitPublished(Predicate<List<Instance>> wanted, long since)
      throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    synchronized (published) {
      while (true) {
        for (Publication publication : publications) {
          if (publication.at() > since && wanted.test(publication.instances())) {
            return publication.at();
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("not published within " + LIMIT);
        }
        published.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private final class Recorder implements PublishListener {
    @Override
    public void published(Optional<Published> previous, Published next) {
      synchronized (published) {
        publications.add(
            new Publication(next.state().services().getFirst().instances(), System.nanoTime()));
        published.notifyAll();
      }
    }
  }

  private static ScalemeshConfig config(
      Path dir, ResourceManagerStub azure, Azurite azurite, Mode mode) throws Exception {
    String events = "";
    if (azurite != null) {
      Path connection =
          Files.writeString(dir.resolve("queue-connection"), azurite.connectionString());
      events =
          ", change_events: {queue: '%s', connection_string_file: '%s'}"
              .formatted(azurite.queueUrl(QUEUE), connection);
    }
    return TestConfigs.fromYaml(
        dir,
        """
        azure: {cloud: custom, resource_manager_endpoint: '%s', authority: '%s', subscription_id: %s%s}
        services:
          - name: web
            protocol: http
            discovery: {kind: azure-vmss, resource_group: rg-mesh, scale_set: web, port: 80, refresh_seconds: %d, transition_refresh_seconds: %d}
        """
            .formatted(
                azure.endpoint(),
                azure.endpoint(),
                ResourceManagerStub.SUBSCRIPTION,
                events,
                mode.atRest,
                mode.inTransition));
  }
}
