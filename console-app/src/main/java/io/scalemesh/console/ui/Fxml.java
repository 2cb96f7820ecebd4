package io.scalemesh.console.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads the FXML that shares a view's name and package, with the view as its controller. */
public final class Fxml {
  private Fxml() {}

  public static Parent load(Object view) {
    String name = view.getClass().getSimpleName() + ".fxml";
    URL fxml = view.getClass().getResource(name);
    if (fxml == null) {
      throw new IllegalStateException("no " + name + " beside " + view.getClass().getName());
    }
    FXMLLoader loader = new FXMLLoader(fxml);
    loader.setController(view);
    try {
      return loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load " + fxml, e);
    }
  }
}
