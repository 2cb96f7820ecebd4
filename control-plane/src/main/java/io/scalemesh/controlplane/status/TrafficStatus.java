package io.scalemesh.controlplane.status;

import io.scalemesh.controlplane.traffic.Traffic;
import java.util.Optional;

/** Traffic figures as the console API carries them: none until a proxy reported any. */
final class TrafficStatus {
  private TrafficStatus() {}

  static Optional<io.scalemesh.model.console.v1.Traffic> of(Traffic traffic) {
    if (traffic.reportedAt().isEmpty()) {
      return Optional.empty();
    }
    io.scalemesh.model.console.v1.Traffic.Builder proto =
        io.scalemesh.model.console.v1.Traffic.newBuilder()
            .setRequestsPerSecond(traffic.callsPerSecond())
            .setErrorsPerSecond(traffic.errorsPerSecond())
            .setInProgress(traffic.inProgress())
            .setRequests(traffic.calls())
            .setErrors(traffic.errors())
            .setDropped(traffic.dropped())
            .putAllLoadMetrics(traffic.loadMetrics());
    return Optional.of(proto.setReportedAt(Timestamps.of(traffic.reportedAt().get())).build());
  }
}
