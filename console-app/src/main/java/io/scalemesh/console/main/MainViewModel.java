package io.scalemesh.console.main;

import io.scalemesh.console.charts.ChartsViewModel;
import io.scalemesh.console.client.ConnectionState;
import io.scalemesh.console.client.Connector;
import io.scalemesh.console.client.ConsoleClient;
import io.scalemesh.console.client.HoldReleaser;
import io.scalemesh.console.client.PastReader;
import io.scalemesh.console.client.Scaler;
import io.scalemesh.console.connection.ConnectionViewModel;
import io.scalemesh.console.dashboard.DashboardViewModel;
import io.scalemesh.console.events.EventLogViewModel;
import io.scalemesh.console.health.HealthViewModel;
import io.scalemesh.console.hold.HoldViewModel;
import io.scalemesh.console.instances.InstanceTableViewModel;
import io.scalemesh.console.notifications.NotificationsViewModel;
import io.scalemesh.console.scaling.ScaleViewModel;
import io.scalemesh.console.settings.SettingsFile;
import io.scalemesh.console.timetravel.TimeTravelViewModel;
import io.scalemesh.console.topology.TopologyViewModel;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.ScaleSet;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.time.InstantSource;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The console window's view model: it receives what the client hears and hands each update to the
 * view models of the parts, and holds what they share (the selected scale set, the theme).
 */
public final class MainViewModel implements ConsoleClient.Listener {
  private final ConnectionViewModel connection;
  private final DashboardViewModel dashboard = new DashboardViewModel();
  private final ChartsViewModel charts = new ChartsViewModel();
  private final TopologyViewModel topology;
  private final InstanceTableViewModel instances = new InstanceTableViewModel();
  private final EventLogViewModel events = new EventLogViewModel();
  private final HealthViewModel health;
  private final NotificationsViewModel notifications;
  private final ScaleViewModel scaling;
  private final HoldViewModel hold;
  private final TimeTravelViewModel timeTravel;
  private final ObservableList<String> scaleSets = FXCollections.observableArrayList();
  private final StringProperty selectedScaleSet = new SimpleStringProperty("");
  private final ReadOnlyBooleanWrapper darkTheme = new ReadOnlyBooleanWrapper();
  private WatchUpdate latest;

  /** What the parts that travel in time show: the latest live status, or a past one. */
  private MeshStatus shown = MeshStatus.getDefaultInstance();

  /**
   * @param clock real time (how long gone nodes stay, when the last update came)
   */
  public MainViewModel(
      Connector connector,
      Scaler scaler,
      HoldReleaser releaser,
      PastReader pastReader,
      SettingsFile settings,
      InstantSource clock) {
    this.connection = new ConnectionViewModel(connector, settings, clock);
    this.topology = new TopologyViewModel(clock);
    this.notifications = new NotificationsViewModel(clock);
    this.health = new HealthViewModel(clock);
    this.scaling = new ScaleViewModel(scaler, notifications);
    this.hold = new HoldViewModel(releaser);
    this.timeTravel =
        new TimeTravelViewModel(
            pastReader,
            new TimeTravelViewModel.Shows() {
              @Override
              public void showPast(MeshStatus status) {
                scaling.viewingPast(true);
                show(status, true);
              }

              @Override
              public void showLive() {
                scaling.viewingPast(false);
                if (latest != null) {
                  show(latest.getStatus(), true);
                }
              }
            });
    // The charts stay live; a line on them says which moment the other views show.
    timeTravel.viewingProperty().addListener((property, before, after) -> charts.viewing(after));
    darkTheme.set(connection.settings().darkTheme());
    selectedScaleSet.addListener(
        (property, before, after) -> {
          if (latest != null) {
            showSelected();
          }
        });
  }

  @Override
  public void stateChanged(ConnectionState state) {
    connection.stateChanged(state);
    scaling.connection(state);
    hold.connection(state);
    health.connection(state);
  }

  /**
   * A live update. While the console shows the past (time travel), the parts that show the mesh's
   * state keep the past; what accumulates (charts, events, notifications) and what is acted on now
   * (the health badge, the removal hold) stay live.
   */
  @Override
  public void updated(WatchUpdate update) {
    latest = update;
    connection.received();
    List<String> names =
        update.getStatus().getScaleSetsList().stream().map(ScaleSet::getName).toList();
    if (!names.equals(scaleSets)) {
      scaleSets.setAll(names);
    }
    charts.record(update);
    if (update.hasHistory()) {
      topology.startAfresh(); // a new stream, perhaps from another control plane
      timeTravel.newStream(update.getStatus()); // whose past is another
    }
    events.apply(update);
    notifications.apply(update);
    health.apply(update.getStatus());
    timeTravel.live(update.getStatus());
    if (timeTravel.isLive()) {
      show(update.getStatus(), false);
    } else {
      showSelected();
    }
  }

  /**
   * Shows {@code status} in the parts that travel in time; {@code jump}: it is not the successor of
   * what they showed, so the topology starts afresh (no nodes fading out as "gone").
   */
  private void show(MeshStatus status, boolean jump) {
    shown = status;
    if (jump) {
      topology.startAfresh();
    }
    topology.apply(status);
    instances.apply(status);
    List<String> names =
        latest.getStatus().getScaleSetsList().stream().map(ScaleSet::getName).toList();
    if (!names.isEmpty() && !names.contains(selectedScaleSet.get())) {
      selectedScaleSet.set(names.getFirst()); // the listener shows it
    } else {
      showSelected();
    }
  }

  /** The parts that show one scale set. */
  private void showSelected() {
    dashboard.apply(shown, selectedScaleSet.get());
    scaling.apply(shown, selectedScaleSet.get());
    hold.apply(latest.getStatus(), selectedScaleSet.get());
    charts.show(selectedScaleSet.get(), shown);
  }

  public void toggleTheme() {
    darkTheme.set(!darkTheme.get());
    connection.save(connection.settings().withDarkTheme(darkTheme.get()));
  }

  public ConnectionViewModel connection() {
    return connection;
  }

  public DashboardViewModel dashboard() {
    return dashboard;
  }

  public ChartsViewModel charts() {
    return charts;
  }

  public TopologyViewModel topology() {
    return topology;
  }

  public InstanceTableViewModel instances() {
    return instances;
  }

  public EventLogViewModel events() {
    return events;
  }

  public HealthViewModel health() {
    return health;
  }

  public NotificationsViewModel notifications() {
    return notifications;
  }

  public ScaleViewModel scaling() {
    return scaling;
  }

  public HoldViewModel hold() {
    return hold;
  }

  public TimeTravelViewModel timeTravel() {
    return timeTravel;
  }

  public ObservableList<String> scaleSets() {
    return scaleSets;
  }

  public StringProperty selectedScaleSetProperty() {
    return selectedScaleSet;
  }

  public ReadOnlyBooleanProperty darkThemeProperty() {
    return darkTheme.getReadOnlyProperty();
  }
}
