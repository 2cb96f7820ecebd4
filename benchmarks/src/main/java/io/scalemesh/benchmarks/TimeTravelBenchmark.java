package io.scalemesh.benchmarks;

import com.google.protobuf.Timestamp;
import io.scalemesh.controlplane.status.StatusHistory;
import io.scalemesh.controlplane.status.StatusStream;
import io.scalemesh.model.console.v1.EndpointStatus;
import io.scalemesh.model.console.v1.Instance;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.Proxy;
import io.scalemesh.model.console.v1.ScaleSet;
import io.scalemesh.model.console.v1.Traffic;
import io.scalemesh.model.console.v1.XdsStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the control plane's time-travel history takes: an hour of statuses, one a second of the
 * mesh's clock, of 1,000 instances and 50 proxies. Two meshes: in "every second" every instance's
 * CPU and traffic figures change every second and every proxy acknowledges a new version every
 * second (the worst case: no frame is like the one before); in "steady" CPU moves once a minute (an
 * Azure Monitor grain), traffic every 10 s (a load-reporting period), one instance changes state
 * and a new version is published and acknowledged every second. For each it reports the bytes the
 * history counts against its budget with no budget, the heap that history really holds (after a
 * GC), the time one record takes, and how much of the hour the control plane's 64 MB budget keeps
 * (thinning older frames first, dropping the oldest only as a last resort) and at what cost.
 *
 * <p>Usage: {@code ./run bench time-travel [SECONDS [INSTANCES [PROXIES]]]} (3600, 1000, 50).
 */
public final class TimeTravelBenchmark {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final String[] TYPES = {
    "type.googleapis.com/envoy.config.listener.v3.Listener",
    "type.googleapis.com/envoy.config.route.v3.RouteConfiguration",
    "type.googleapis.com/envoy.config.cluster.v3.Cluster",
    "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment"
  };

  private TimeTravelBenchmark() {}

  public static void main(String[] args) {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3_600;
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int proxies = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    System.out.printf(
        "time travel: %d s of mesh time, %d instances, %d proxies, budget %d MB, %d cores%n",
        seconds,
        instances,
        proxies,
        StatusStream.HISTORY_BUDGET_BYTES >> 20,
        Runtime.getRuntime().availableProcessors());
    for (boolean everySecond : new boolean[] {true, false}) {
      run(everySecond ? "every second" : "steady", everySecond, seconds, instances, proxies);
    }
  }

  private static void run(
      String name, boolean everySecond, int seconds, int instances, int proxies) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    StatusHistory unbounded = new StatusHistory(StatusStream.PAST_KEPT, Long.MAX_VALUE);
    List<Long> recordNanos = new ArrayList<>();
    Mesh mesh = new Mesh(instances, proxies, everySecond);
    long statusBytes = 0;
    for (int second = 0; second < seconds; second++) {
      Instant at = START.plusSeconds(second);
      MeshStatus status = mesh.at(second, at);
      statusBytes = status.getSerializedSize();
      long begin = System.nanoTime();
      unbounded.record(status, at);
      recordNanos.add(System.nanoTime() - begin);
    }
    memory.gc();
    long heap = memory.getHeapMemoryUsage().getUsed() - heapBefore;
    long counted = unbounded.retainedBytes();
    int frames = unbounded.frames();
    long lookupBegin = System.nanoTime();
    unbounded.at(START.plusSeconds(seconds / 2));
    double lookupMillis = (System.nanoTime() - lookupBegin) / 1e6;

    StatusHistory budgeted =
        new StatusHistory(StatusStream.PAST_KEPT, StatusStream.HISTORY_BUDGET_BYTES);
    Mesh again = new Mesh(instances, proxies, everySecond);
    List<Long> budgetedNanos = new ArrayList<>();
    for (int second = 0; second < seconds; second++) {
      Instant at = START.plusSeconds(second);
      MeshStatus status = again.at(second, at);
      long begin = System.nanoTime();
      budgeted.record(status, at);
      budgetedNanos.add(System.nanoTime() - begin);
    }
    StatusHistory.Past oldest = budgeted.at(START).orElseThrow();
    Duration covered = Duration.between(oldest.earliest(), oldest.latest());
    long budgetedLookupBegin = System.nanoTime();
    budgeted.at(START.plusSeconds(seconds / 2));
    double budgetedLookupMillis = (System.nanoTime() - budgetedLookupBegin) / 1e6;

    System.out.printf(
        "%n%s: one status %d KB serialized; %d frames%n", name, statusBytes >> 10, frames);
    System.out.printf(
        "  no budget: counted %.1f MB (%.1f KB a frame), heap after GC %.1f MB%n",
        counted / 1e6, counted / 1e3 / frames, heap / 1e6);
    System.out.printf(
        "  record: %s; a lookup mid-history %.1f ms%n",
        Percentiles.ofNanos(recordNanos), lookupMillis);
    System.out.printf(
        "  64 MB budget: %d frames kept, %.1f MB, covering %d min %d s; %d dropped for the budget,"
            + " %d thinned (coarsest step %d s)%n",
        budgeted.frames(),
        budgeted.retainedBytes() / 1e6,
        covered.toMinutes(),
        covered.toSecondsPart(),
        budgeted.droppedForBudget(),
        budgeted.thinnedForBudget(),
        budgeted.coarsestStep());
    System.out.printf(
        "  with the budget: record %s; a lookup mid-history %.1f ms%n",
        Percentiles.ofNanos(budgetedNanos), budgetedLookupMillis);
  }

  /** A mesh whose figures move as its scenario says; the same seed each run. */
  private static final class Mesh {
    private final Random random = new Random(17);
    private final boolean everySecond;
    private final List<Instance.Builder> instances = new ArrayList<>();
    private final List<Proxy.Builder> proxies = new ArrayList<>();
    private long requests;

    Mesh(int instanceCount, int proxyCount, boolean everySecond) {
      this.everySecond = everySecond;
      for (int i = 0; i < instanceCount; i++) {
        instances.add(
            Instance.newBuilder()
                .setName("backend_" + i)
                .setInstanceId(Integer.toString(i))
                .setPrivateIp("10.0." + i / 250 + "." + i % 250)
                .setPort(50051)
                .setZone(Integer.toString(1 + i % 3))
                .setProvisioningState("Succeeded")
                .setPowerState("PowerState/running")
                .setHealthState("Healthy")
                .setEndpointStatus(EndpointStatus.ENDPOINT_STATUS_READY)
                .setSince(timestamp(START)));
      }
      for (int p = 0; p < proxyCount; p++) {
        proxies.add(
            Proxy.newBuilder()
                .setNodeId("edge-" + p)
                .setCluster("edge")
                .setConnectedSince(timestamp(START))
                .setInSync(true));
      }
    }

    MeshStatus at(int second, Instant now) {
      String version = Integer.toHexString(0x5ca1e000 + second);
      boolean cpuMoves = everySecond || second % 60 == 0;
      boolean trafficMoves = everySecond || second % 10 == 0;
      Instance.Builder changing = instances.get(random.nextInt(instances.size()));
      changing
          .setEndpointStatus(EndpointStatus.forNumber(1 + random.nextInt(4)))
          .setSince(timestamp(now));
      for (Instance.Builder instance : instances) {
        if (cpuMoves) {
          instance.setCpuPercent(Math.round(random.nextDouble() * 1000) / 10.0);
        }
        if (trafficMoves) {
          requests += 40;
          instance.setTraffic(traffic(now, 40 + random.nextDouble() * 20));
        }
      }
      MeshStatus.Builder status =
          MeshStatus.newBuilder()
              .setObservedAt(timestamp(now))
              .setXds(
                  XdsStatus.newBuilder()
                      .setSnapshotVersion(version)
                      .setPublishedAt(timestamp(now)));
      ScaleSet.Builder scaleSet =
          ScaleSet.newBuilder()
              .setName("backend")
              .setSourceKind("azure-vmss")
              .setCapacity(instances.size());
      instances.forEach(scaleSet::addInstances);
      status.addScaleSets(scaleSet.setTraffic(traffic(now, 50_000)));
      for (Proxy.Builder proxy : proxies) {
        for (String type : TYPES) {
          proxy.putAckedVersions(type, type.endsWith("ClusterLoadAssignment") ? version : "1");
        }
        if (trafficMoves) {
          proxy.setTraffic(traffic(now, 1_000 + random.nextDouble() * 100));
        }
        status.addProxies(proxy);
      }
      return status.build();
    }

    private Traffic traffic(Instant now, double perSecond) {
      return Traffic.newBuilder()
          .setRequestsPerSecond(perSecond)
          .setErrorsPerSecond(random.nextInt(50) == 0 ? random.nextDouble() : 0)
          .setInProgress(random.nextInt(20))
          .setRequests(requests)
          .setErrors(requests / 1_000)
          .setReportedAt(timestamp(now))
          .build();
    }
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).build();
  }
}
