package io.scalemesh.console.notifications;

import io.scalemesh.console.ui.Fxml;
import io.scalemesh.console.ui.Observe;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;

/** The notification area: the newest line in its severity's colour, and the earlier ones. */
public final class NotificationsView {
  /** Local time, said as such: the control plane's clock may run differently (the demo's does). */
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final NotificationsViewModel viewModel;
  private final Parent root;
  @FXML private Label notification;
  @FXML private MenuButton earlier;

  public NotificationsView(NotificationsViewModel viewModel) {
    this.viewModel = viewModel;
    this.root = Fxml.load(this);
  }

  @FXML
  private void initialize() {
    Observe.each(viewModel.latestProperty(), this::showLatest);
    viewModel
        .all()
        .addListener((ListChangeListener<Notification>) change -> listEarlier(viewModel.all()));
    listEarlier(viewModel.all());
  }

  private void showLatest(Optional<Notification> latest) {
    for (Notification.Severity severity : Notification.Severity.values()) {
      notification.getStyleClass().remove(severity.styleClass());
    }
    notification.setText(latest.map(NotificationsView::line).orElse("No notifications yet."));
    latest.ifPresent(n -> notification.getStyleClass().add(n.severity().styleClass()));
  }

  private void listEarlier(List<Notification> all) {
    earlier.setText("Earlier (" + Math.max(0, all.size() - 1) + ")");
    earlier.setDisable(all.size() < 2);
    earlier.getItems().setAll(all.stream().skip(1).map(n -> new MenuItem(line(n))).toList());
  }

  /** An earlier line, in its severity's colour as the newest is. */
  private static MenuItem item(Notification notification) {
    MenuItem item = new MenuItem(line(notification));
    item.getStyleClass().add(notification.severity().styleClass());
    return item;
  }

  /** "18:03:12 local: backend: 2 -> 3 accepted" */
  static String line(Notification notification) {
    return LocalTime.ofInstant(notification.at(), ZoneId.systemDefault()).withNano(0).format(LOCAL)
        + " local: "
        + notification.text();
  }

  public Parent root() {
    return root;
  }
}
