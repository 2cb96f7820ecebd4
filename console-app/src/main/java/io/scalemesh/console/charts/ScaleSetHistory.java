package io.scalemesh.console.charts;

import java.time.Duration;

/** The series the charts draw for one scale set. */
final class ScaleSetHistory {
  final TimeSeries desired;
  final TimeSeries ready;
  final TimeSeries instances;
  final TimeSeries cpu;

  /** Calls per second to the scale set, and those failing, as the proxies report them. */
  final TimeSeries requests;

  final TimeSeries errors;

  /** One point per scale action, drawn as a marker on the acknowledgement chart. */
  final TimeSeries scaleActions;

  ScaleSetHistory(Duration resolution, Duration kept) {
    desired = new TimeSeries(resolution, kept);
    ready = new TimeSeries(resolution, kept);
    instances = new TimeSeries(resolution, kept);
    cpu = new TimeSeries(resolution, kept);
    requests = new TimeSeries(resolution, kept);
    errors = new TimeSeries(resolution, kept);
    scaleActions = new TimeSeries(resolution, kept);
  }
}
