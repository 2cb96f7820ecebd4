package io.scalemesh.console;

import com.microsoft.aad.msal4j.OpenBrowserAction;
import io.scalemesh.console.client.Backoff;
import io.scalemesh.console.client.ConsoleClient;
import io.scalemesh.console.main.MainView;
import io.scalemesh.console.main.MainViewModel;
import io.scalemesh.console.settings.SavedConnection;
import io.scalemesh.console.settings.SettingsFile;
import io.scalemesh.console.signin.MicrosoftSignIn;
import io.scalemesh.console.signin.SignInViewModel;
import java.net.URI;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * One console window and what it needs, wired together: the client, the view models, the views. The
 * application and the end-to-end tests open it the same way.
 */
public final class Console implements AutoCloseable {
  public static final double WIDTH = 1280;
  public static final double HEIGHT = 800;

  /** The smallest scene the console lays out in (MainView.fxml says the same). */
  static final double MIN_WIDTH = 1024;

  static final double MIN_HEIGHT = 640;

  private final ConsoleClient client;
  private final MainViewModel viewModel;
  private final MainView view;

  private Console(ConsoleClient client, MainViewModel viewModel, MainView view) {
    this.client = client;
    this.viewModel = viewModel;
    this.view = view;
  }

  /**
   * Shows the console in {@code stage} (on the FX thread) and connects: to {@code connectTo} if
   * given (saving it), else to the connection used last, else it asks. {@code openLink} opens web
   * pages (an instance in the Azure portal) in the system browser.
   */
  public static Console open(
      Stage stage,
      SettingsFile settings,
      Optional<SavedConnection> connectTo,
      Consumer<URI> openLink) {
    return open(stage, settings, connectTo, Optional.empty(), openLink);
  }

  /**
   * As above, with {@code browser} opening the sign-in page instead of the system browser (for
   * tests).
   */
  public static Console open(
      Stage stage,
      SettingsFile settings,
      Optional<SavedConnection> connectTo,
      Optional<OpenBrowserAction> browser,
      Consumer<URI> openLink) {
    MicrosoftSignIn microsoft = new MicrosoftSignIn(settings.secrets(), browser);
    ConsoleClient client = new ConsoleClient(Platform::runLater, Backoff.standard(), microsoft);
    MainViewModel viewModel =
        new MainViewModel(client, client, client, client, settings, InstantSource.system());
    client.listen(viewModel);
    MainView view =
        new MainView(
            viewModel,
            new SignInViewModel(microsoft, Platform::runLater, settings.secrets()),
            openLink);
    stage.setTitle("Scalemesh console");
    stage.setScene(scene(view));
    stage.show();
    keepItsSize(stage);
    Console console = new Console(client, viewModel, view);
    if (connectTo.isPresent()) {
      viewModel.connection().connect(connectTo.get());
    } else if (!viewModel.connection().connectToLast()) {
      Platform.runLater(view::openConnectionDialog);
    }
    return console;
  }

  /**
   * Under a window manager (GTK), a minimum size set before the window is shown became its size
   * (1022x615, with the status bar cut off). So the window is sized after it is shown, and its
   * minimum then counts the decorations, which only exist once shown.
   */
  private static void keepItsSize(Stage stage) {
    Scene scene = stage.getScene();
    stage.setWidth(WIDTH + stage.getWidth() - scene.getWidth());
    stage.setHeight(HEIGHT + stage.getHeight() - scene.getHeight());
    stage.setMinWidth(MIN_WIDTH + stage.getWidth() - scene.getWidth());
    stage.setMinHeight(MIN_HEIGHT + stage.getHeight() - scene.getHeight());
  }

  /** The window's scene, 1280x800, with the console's stylesheet. */
  public static Scene scene(MainView view) {
    Scene scene = new Scene(view.root(), WIDTH, HEIGHT);
    scene
        .getStylesheets()
        .add(Objects.requireNonNull(Console.class.getResource("ui/console.css")).toExternalForm());
    return scene;
  }

  public MainViewModel viewModel() {
    return viewModel;
  }

  public MainView view() {
    return view;
  }

  @Override
  public void close() {
    client.close();
  }
}
