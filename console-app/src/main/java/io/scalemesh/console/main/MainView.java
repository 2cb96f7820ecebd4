package io.scalemesh.console.main;

import io.scalemesh.console.charts.ChartsView;
import io.scalemesh.console.connection.ConnectionDialog;
import io.scalemesh.console.connection.ConnectionViewModel;
import io.scalemesh.console.dashboard.DashboardView;
import io.scalemesh.console.events.EventLogView;
import io.scalemesh.console.health.Health;
import io.scalemesh.console.hold.HoldView;
import io.scalemesh.console.instances.InstanceTableView;
import io.scalemesh.console.notifications.NotificationsView;
import io.scalemesh.console.scaling.ScaleDialogs;
import io.scalemesh.console.scaling.ScaleProposal;
import io.scalemesh.console.scaling.ScaleViewModel;
import io.scalemesh.console.signin.SignInViewModel;
import io.scalemesh.console.timetravel.TimeTravelView;
import io.scalemesh.console.topology.TopologyView;
import io.scalemesh.console.ui.Fxml;
import io.scalemesh.console.ui.Observe;
import io.scalemesh.console.ui.StyleClasses;
import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The console window: menus and shortcuts, the scale toolbar, the notification area, the
 * time-travel bar, the removal-hold banner, one tab per view, the status bar.
 */
public final class MainView {
  private final MainViewModel viewModel;
  private final SignInViewModel signIn;
  private final Consumer<URI> openLink;
  private final Parent root;
  private InstanceTableView instanceTable;
  private HoldView holdBanner;
  @FXML private BorderPane rootPane;
  @FXML private VBox top;
  @FXML private ComboBox<String> scaleSet;
  @FXML private Label capacity;
  @FXML private Button scaleOutButton;
  @FXML private Button scaleInButton;
  @FXML private Button setCapacityButton;
  @FXML private MenuItem scaleOutItem;
  @FXML private MenuItem scaleInItem;
  @FXML private MenuItem setCapacityItem;
  @FXML private MenuItem releaseHoldItem;
  @FXML private CheckMenuItem darkThemeItem;
  @FXML private HBox notificationBar;
  @FXML private Label health;
  @FXML private Label healthReasons;
  @FXML private Label scaleReason;
  @FXML private TabPane tabs;
  @FXML private Tab dashboardTab;
  @FXML private Tab chartsTab;
  @FXML private Tab topologyTab;
  @FXML private Tab instancesTab;
  @FXML private Tab eventsTab;
  @FXML private Label connectionState;
  @FXML private Label staleMarker;

  /**
   * @param openLink opens a web page in the system browser (an instance in the Azure portal)
   */
  public MainView(MainViewModel viewModel, SignInViewModel signIn, Consumer<URI> openLink) {
    this.viewModel = viewModel;
    this.signIn = signIn;
    this.openLink = openLink;
    this.root = Fxml.load(this);
  }

  @FXML
  private void initialize() {
    showWhileSelected(dashboardTab, new DashboardView(viewModel.dashboard()).root());
    showWhileSelected(
        chartsTab, new ChartsView(viewModel.charts(), chartsTab.selectedProperty()).root());
    showWhileSelected(topologyTab, new TopologyView(viewModel.topology(), openLink).root());
    instanceTable = new InstanceTableView(viewModel.instances());
    showWhileSelected(instancesTab, instanceTable.root());
    showWhileSelected(eventsTab, new EventLogView(viewModel.events()).root());
    top.getChildren().add(new TimeTravelView(viewModel.timeTravel()).root());
    holdBanner = new HoldView(viewModel.hold());
    top.getChildren().add(holdBanner.root());
    releaseHoldItem.disableProperty().bind(viewModel.hold().releaseDisabledProperty());

    scaleSet.setItems(viewModel.scaleSets());
    scaleSet.valueProperty().bindBidirectional(viewModel.selectedScaleSetProperty());
    ScaleViewModel scaling = viewModel.scaling();
    capacity.textProperty().bind(scaling.capacityProperty());
    scaleOutButton.disableProperty().bind(scaling.scaleOutDisabledProperty());
    scaleInButton.disableProperty().bind(scaling.scaleInDisabledProperty());
    setCapacityButton.disableProperty().bind(scaling.setCapacityDisabledProperty());
    scaleOutItem.disableProperty().bind(scaling.scaleOutDisabledProperty());
    scaleInItem.disableProperty().bind(scaling.scaleInDisabledProperty());
    setCapacityItem.disableProperty().bind(scaling.setCapacityDisabledProperty());
    // A disabled button shows no tooltip, so the reason is a label under the buttons, whole.
    scaleReason.textProperty().bind(scaling.reasonProperty());
    scaleReason.managedProperty().bind(scaling.reasonProperty().isNotEmpty());
    Observe.each(viewModel.health().healthProperty(), this::showHealth);
    Parent notifications = new NotificationsView(viewModel.notifications()).root();
    HBox.setHgrow(notifications, Priority.ALWAYS);
    notificationBar.getChildren().add(notifications);

    ConnectionViewModel connection = viewModel.connection();
    connectionState.textProperty().bind(connection.stateTextProperty());
    staleMarker.textProperty().bind(connection.staleTextProperty());
    staleMarker.visibleProperty().bind(connection.staleProperty());
    Observe.styleClass(rootPane, "stale", connection.staleProperty());
    // Not bound: its accelerator sets it before its action runs, and a bound value cannot be set.
    Observe.each(viewModel.darkThemeProperty(), darkThemeItem::setSelected);
    Observe.styleClass(rootPane, "dark", viewModel.darkThemeProperty());
  }

  /** The badge says the level; its reasons are beside it, in the notification bar's first place. */
  private void showHealth(Health current) {
    StyleClasses.choose(health, Health.Level.STYLE_CLASSES, current.level().styleClass());
    health.setText(current.level().name());
    healthReasons.setText(String.join("; ", current.reasons()));
  }

  /**
   * Keeps a tab's content in the scene only while the tab is selected. JavaFX restyles and lays out
   * the content of hidden tabs too, so with a large mesh the tables cost every update even unseen.
   * The views keep their state (rows, sort order, scroll position) while detached.
   */
  private static void showWhileSelected(Tab tab, Parent content) {
    Observe.each(tab.selectedProperty(), selected -> tab.setContent(selected ? content : null));
  }

  @FXML
  public void openConnectionDialog() {
    new ConnectionDialog(viewModel.connection(), signIn).show(root.getScene().getWindow());
  }

  @FXML
  private void reconnect() {
    viewModel.connection().reconnect();
  }

  @FXML
  private void disconnect() {
    viewModel.connection().disconnect();
  }

  @FXML
  private void quit() {
    Platform.exit();
  }

  @FXML
  private void scaleOut() {
    confirmAndScale(viewModel.scaling().proposeScaleOut());
  }

  @FXML
  private void scaleIn() {
    confirmAndScale(viewModel.scaling().proposeScaleIn());
  }

  @FXML
  private void setCapacity() {
    confirmAndScale(ScaleDialogs.askCapacity(root.getScene().getWindow(), viewModel.scaling()));
  }

  private void confirmAndScale(Optional<ScaleProposal> proposal) {
    proposal.ifPresent(
        p ->
            ScaleDialogs.confirm(
                    root.getScene().getWindow(), p, viewModel.scaling().desiredProperty())
                .ifPresent(why -> viewModel.scaling().execute(p, why)));
  }

  @FXML
  private void releaseHold() {
    holdBanner.release();
  }

  @FXML
  private void showDashboard() {
    tabs.getSelectionModel().select(dashboardTab);
  }

  @FXML
  private void showCharts() {
    tabs.getSelectionModel().select(chartsTab);
  }

  @FXML
  private void showTopology() {
    tabs.getSelectionModel().select(topologyTab);
  }

  @FXML
  private void showInstances() {
    tabs.getSelectionModel().select(instancesTab);
  }

  @FXML
  private void showEvents() {
    tabs.getSelectionModel().select(eventsTab);
  }

  @FXML
  private void filterInstances() {
    showInstances();
    instanceTable.focusFilter();
  }

  @FXML
  private void toggleTheme() {
    viewModel.toggleTheme();
  }

  @FXML
  private void showShortcuts() {
    Alert help = new Alert(Alert.AlertType.INFORMATION, Shortcuts.TEXT);
    help.initOwner(root.getScene().getWindow());
    help.setTitle("Keyboard shortcuts");
    help.setHeaderText("Keyboard shortcuts");
    help.show();
  }

  public Parent root() {
    return root;
  }

  public TabPane tabs() {
    return tabs;
  }
}
