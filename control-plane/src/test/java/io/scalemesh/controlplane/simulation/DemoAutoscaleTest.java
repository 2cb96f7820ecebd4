package io.scalemesh.controlplane.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.config.ConfigLoader;
import io.scalemesh.controlplane.scale.ScaleController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as shipped (config/demo.yaml), on a clock twice as fast: real load through xDS drives
 * the simulated CPU, and the autoscaler scales out while the load rises and back in after it falls.
 */
class DemoAutoscaleTest {
  @TempDir
  Path dir;

  @Test
  void theDemoProfileScalesOutAndThenInByItself() throws Exception {
    Path demo = Path.of("..", "config", "demo.yaml");
    Path audit = dir.resolve("audit.jsonl");
    try (ControlPlane plane = ControlPlane.start(ConfigLoader.load(Optional.of(demo), Map.of(
        "xds.port", "0", "api.port", "0", "console_api.port", "0",
        "console_api.audit_log", audit.toString(),
        "simulation.time_scale", "120")), Clock.systemUTC())) {
      ScaleController backend = plane.scaleController("backend").orElseThrow();
      AtomicInteger highest = new AtomicInteger(backend.capacity().getAsInt());
      int start = highest.get();

      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
        highest.accumulateAndGet(backend.capacity().getAsInt(), Math::max);
        return highest.get() >= start + 2;
      });
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
        int now = backend.capacity().getAsInt();
        highest.accumulateAndGet(now, Math::max);
        return now < highest.get();
      });

      String log = Files.readString(audit);
      assertThat(log).contains("\"identity\":\"autoscale\"").contains("above 75%").contains("below 25%");
    }
  }
}
