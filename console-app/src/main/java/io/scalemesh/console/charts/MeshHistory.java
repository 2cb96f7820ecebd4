package io.scalemesh.console.charts;

import io.scalemesh.console.charts.ChartWindow.Point;
import io.scalemesh.console.mesh.ScaleSetSummary;
import io.scalemesh.console.mesh.Timestamps;
import io.scalemesh.model.console.v1.CpuSample;
import io.scalemesh.model.console.v1.Event;
import io.scalemesh.model.console.v1.EventKind;
import io.scalemesh.model.console.v1.History;
import io.scalemesh.model.console.v1.InstanceCounts;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.ScaleSet;
import io.scalemesh.model.console.v1.SnapshotConvergence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last hour of the mesh, as the charts need it. A stream's first update fills it from the
 * control plane's history (CPU samples, instance counts, events and how long snapshots took to
 * reach every proxy), so that no chart starts empty; every update after that adds to it.
 *
 * <p>It starts afresh whenever its clock stops making sense: a new stream's history replaces
 * everything, and a status older than the newest one seen (a restarted control plane whose clock is
 * behind the old one's) clears it. Otherwise the charts would keep ending at the old clock's "now"
 * and every new point would fall before it, unseen.
 */
public final class MeshHistory {
  public static final Duration KEPT = Duration.ofHours(1);

  /** One point per second of the control plane's clock is finer than any chart can show. */
  private static final Duration RESOLUTION = Duration.ofSeconds(1);

  private static final int MAX_POINTS = 300;

  private final Map<String, ScaleSetHistory> scaleSets = new HashMap<>();
  private final TimeSeries ackSeconds = new TimeSeries(RESOLUTION, KEPT);
  private Instant latest = Instant.EPOCH;

  /** Forgets everything and starts from the history a new stream brought. */
  public void reset(History history) {
    clear();
    for (CpuSample sample : history.getCpuList()) {
      ScaleSetHistory series = of(sample.getScaleSet());
      Instant at = Timestamps.toInstant(sample.getAt());
      series.cpu.add(at, sample.getAveragePercent());
      latest = max(latest, at);
    }
    for (InstanceCounts counts : history.getInstanceCountsList()) {
      ScaleSetHistory series = of(counts.getScaleSet());
      Instant at = Timestamps.toInstant(counts.getAt());
      series.desired.add(at, counts.getDesired());
      series.ready.add(at, counts.getReady());
      series.instances.add(at, counts.getTotal());
      latest = max(latest, at);
    }
    history.getEventsList().forEach(this::event);
    history.getConvergenceList().forEach(this::converged);
  }

  public void record(MeshStatus status, List<Event> events) {
    Instant at = Timestamps.toInstant(status.getObservedAt());
    if (at.isBefore(latest)) {
      clear();
    }
    latest = at;
    for (ScaleSet scaleSet : status.getScaleSetsList()) {
      ScaleSetSummary summary = ScaleSetSummary.of(scaleSet);
      ScaleSetHistory series = of(scaleSet.getName());
      series.desired.add(at, summary.desired());
      series.ready.add(at, summary.ready());
      series.instances.add(at, summary.total());
      series.cpu.add(at, summary.averageCpu());
    }
    if (status.getXds().hasLastConverged()) {
      converged(status.getXds().getLastConverged());
    }
    events.forEach(this::event);
  }

  /** What the charts draw for one scale set over one range, ending at the newest status. */
  public ChartWindow window(
      String scaleSet, HistoryRange range, double scaleOutAbove, double scaleInBelow) {
    ScaleSetHistory series = scaleSets.get(scaleSet);
    if (series == null) {
      return ChartWindow.empty(range);
    }
    double from = range.fromMinutes();
    return new ChartWindow(
        range,
        latest,
        steps(points(series.desired, range)),
        steps(points(series.ready, range)),
        steps(points(series.instances, range)),
        points(series.cpu, range),
        scaleOutAbove > 0
            ? List.of(new Point(from, scaleOutAbove), new Point(0, scaleOutAbove))
            : List.of(),
        scaleInBelow > 0
            ? List.of(new Point(from, scaleInBelow), new Point(0, scaleInBelow))
            : List.of(),
        points(ackSeconds, range),
        points(series.scaleActions, range));
  }

  private List<Point> points(TimeSeries series, HistoryRange range) {
    return series.window(latest, range.span(), MAX_POINTS).stream()
        .map(
            sample ->
                new Point(
                    Duration.between(latest, sample.at()).toMillis() / 60_000.0, sample.value()))
        .toList();
  }

  /** A count as steps: before each change, a point at the change's time with the old value. */
  private static List<Point> steps(List<Point> points) {
    List<Point> steps = new ArrayList<>(points.size() * 2);
    for (Point point : points) {
      if (!steps.isEmpty() && steps.getLast().value() != point.value()) {
        steps.add(new Point(point.minutes(), steps.getLast().value()));
      }
      steps.add(point);
    }
    return steps;
  }

  /** One point per snapshot, at its publication; the same snapshot again changes nothing. */
  private void converged(SnapshotConvergence snapshot) {
    ackSeconds.add(
        Timestamps.toInstant(snapshot.getPublishedAt()),
        snapshot.getAllAcknowledgedAfter().getSeconds()
            + snapshot.getAllAcknowledgedAfter().getNanos() / 1e9);
  }

  private void event(Event event) {
    if (event.getKind() == EventKind.EVENT_KIND_SCALE_ACTION) {
      of(event.getScaleSet()).scaleActions.add(Timestamps.toInstant(event.getAt()), 0);
    }
  }

  private void clear() {
    scaleSets.clear();
    ackSeconds.clear();
    latest = Instant.EPOCH;
  }

  private ScaleSetHistory of(String scaleSet) {
    return scaleSets.computeIfAbsent(scaleSet, name -> new ScaleSetHistory(RESOLUTION, KEPT));
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
