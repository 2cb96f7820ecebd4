package io.scalemesh.console.e2e;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Saves what a scene shows as a PNG under target/screenshots, for a person to look at. */
final class Screenshots {
  private static final Path DIR =
      Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

  private Screenshots() {}

  static Path save(Scene scene, String name) {
    try {
      WritableImage image =
          WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(30, TimeUnit.SECONDS);
      BufferedImage pixels = SwingFXUtils.fromFXImage(image, null);
      Files.createDirectories(DIR);
      Path file = DIR.resolve(name + ".png");
      ImageIO.write(pixels, "png", file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("no screenshot of " + name, e);
    }
  }
}
