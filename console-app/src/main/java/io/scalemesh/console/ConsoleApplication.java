package io.scalemesh.console;

import javafx.application.Application;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The console window. Until the status stream exists it can only say that it is not connected. */
public final class ConsoleApplication extends Application {

  @Override
  public void start(Stage stage) {
    Label status = new Label("Not connected to a control plane");
    StackPane root = new StackPane(status);
    StackPane.setAlignment(status, Pos.CENTER);
    stage.setTitle("Scalemesh console");
    stage.setScene(new Scene(root, 1280, 800));
    stage.show();
  }
}
