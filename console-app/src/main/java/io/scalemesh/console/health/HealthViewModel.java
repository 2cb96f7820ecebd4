package io.scalemesh.console.health;

import io.scalemesh.console.client.ConnectionState;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** Health at a glance: one word and its reasons, for the badge on every tab. */
public final class HealthViewModel {
  /**
   * How long a proxy may be out of sync before it counts: every publication leaves each proxy out
   * of sync until it acknowledges (milliseconds, usually). Measured on this computer's clock: the
   * control plane's may run faster (the demo's runs 60 times faster).
   */
  static final Duration SYNC_GRACE = Duration.ofSeconds(10);

  private static final Health NOT_LIVE = new Health(Health.Level.UNKNOWN, List.of("not live"));

  private final ReadOnlyObjectWrapper<Health> health = new ReadOnlyObjectWrapper<>(NOT_LIVE);
  private final InstantSource clock;
  private final Map<String, Instant> outOfSyncSince = new HashMap<>();
  private boolean live;
  private Health judged = new Health(Health.Level.UNKNOWN, List.of("no status yet"));

  /**
   * @param clock this computer's clock, for how long a proxy has been out of sync
   */
  public HealthViewModel(InstantSource clock) {
    this.clock = clock;
  }

  public void connection(ConnectionState state) {
    live = state.live();
    refresh();
  }

  public void apply(MeshStatus status) {
    Instant now = clock.instant();
    Set<String> outOfSync = new HashSet<>();
    for (Proxy proxy : status.getProxiesList()) {
      if (!proxy.getInSync()) {
        outOfSync.add(proxy.getNodeId());
        outOfSyncSince.putIfAbsent(proxy.getNodeId(), now);
      }
    }
    outOfSyncSince.keySet().retainAll(outOfSync);
    long tooLong =
        outOfSyncSince.values().stream()
            .filter(since -> !since.plus(SYNC_GRACE).isAfter(now))
            .count();
    judged = HealthRules.judge(status, tooLong);
    refresh();
  }

  /** While not live, the last judgement is old news: the health is unknown. */
  private void refresh() {
    health.set(live ? judged : NOT_LIVE);
  }

  public ReadOnlyObjectProperty<Health> healthProperty() {
    return health.getReadOnlyProperty();
  }
}
