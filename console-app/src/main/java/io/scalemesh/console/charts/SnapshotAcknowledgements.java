package io.scalemesh.console.charts;

import io.scalemesh.console.mesh.Timestamps;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long each xDS snapshot took from its publication until every connected proxy had acknowledged
 * it, worked out from the statuses as they arrive (the status says which version is published,
 * when, and whether each proxy is in sync with it). Only snapshots published while the console
 * watches are measured: for one already published when it connected, the console cannot know when
 * the last proxy acknowledged it.
 */
final class SnapshotAcknowledgements {
  /** One snapshot's time to full acknowledgement, on the control plane's clock. */
  record Acknowledged(Instant publishedAt, double seconds) {}

  private String version;
  private Instant publishedAt;
  private boolean measured;

  /** The snapshot this status shows all proxies acknowledging, the first time it does. */
  Optional<Acknowledged> observe(MeshStatus status) {
    if (!status.hasXds() || status.getXds().getSnapshotVersion().isEmpty()) {
      return Optional.empty();
    }
    String current = status.getXds().getSnapshotVersion();
    if (version == null) {
      version = current;
      measured = true; // published before the console watched
      return Optional.empty();
    }
    if (!current.equals(version)) {
      version = current;
      publishedAt = Timestamps.toInstant(status.getXds().getPublishedAt());
      measured = false;
    }
    if (measured
        || status.getProxiesCount() == 0
        || !status.getProxiesList().stream().allMatch(Proxy::getInSync)) {
      return Optional.empty();
    }
    measured = true;
    Instant observed = Timestamps.toInstant(status.getObservedAt());
    return Optional.of(
        new Acknowledged(publishedAt, Duration.between(publishedAt, observed).toMillis() / 1000.0));
  }

  void clear() {
    version = null;
    publishedAt = null;
    measured = false;
  }
}
