package io.scalemesh.controlplane.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One load report of one proxy, as accepted: the calls of one reporting period, per instance.
 *
 * @param proxy the reporting proxy's node id
 * @param stream which of its load-reporting streams sent it (a proxy that reconnects gets a new
 *     one)
 * @param at when it arrived
 * @param covers how long a stretch before {@code at} its counts are of (the proxy says)
 * @param calls per instance of a service this control plane serves
 * @param dropped calls dropped before an instance was chosen, per service
 */
public record LoadReport(
    String proxy,
    long stream,
    Instant at,
    Duration covers,
    List<InstanceCalls> calls,
    Map<String, Long> dropped) {

  public LoadReport {
    calls = List.copyOf(calls);
    dropped = Map.copyOf(dropped);
  }
}
