package io.scalemesh.controlplane.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.scale.ScaleController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as shipped (config/demo.yaml), on a clock twice as fast: real load through xDS drives
 * the simulated CPU, and the autoscaler scales out while the load rises and back in after it falls.
 */
class DemoAutoscaleTest {
  @TempDir Path dir;

  @Test
  void theDemoProfileScalesOutAndThenInByItself() throws Exception {
    Path demo = Path.of("..", "config", "demo.yaml");
    try (ControlPlane plane =
        ControlPlane.start(
            TestConfigs.fromFile(dir, demo, Map.of("simulation.time_scale", "120")),
            Clock.systemUTC())) {
      ScaleController backend = plane.scaleController("backend").orElseThrow();
      AtomicInteger highest = new AtomicInteger(backend.capacity().getAsInt());
      int start = highest.get();

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                highest.accumulateAndGet(backend.capacity().getAsInt(), Math::max);
                return highest.get() >= start + 2;
              });
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                int now = backend.capacity().getAsInt();
                highest.accumulateAndGet(now, Math::max);
                return now < highest.get();
              });

      String log = Files.readString(TestConfigs.auditLog(dir));
      assertThat(log)
          .contains("\"identity\":\"autoscale\"")
          .contains("above 75%")
          .contains("below 25%");
    }
  }
}
