package io.scalemesh.console.health;

import io.scalemesh.console.client.ConnectionState;
import io.scalemesh.model.console.v1.MeshStatus;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** Health at a glance: one word and its reasons, for the badge on every tab. */
public final class HealthViewModel {
  private static final Health NOT_LIVE = new Health(Health.Level.UNKNOWN, List.of("not live"));

  private final ReadOnlyObjectWrapper<Health> health = new ReadOnlyObjectWrapper<>(NOT_LIVE);
  private boolean live;
  private Health judged = new Health(Health.Level.UNKNOWN, List.of("no status yet"));

  public void connection(ConnectionState state) {
    live = state.live();
    refresh();
  }

  public void apply(MeshStatus status) {
    judged = HealthRules.judge(status);
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
