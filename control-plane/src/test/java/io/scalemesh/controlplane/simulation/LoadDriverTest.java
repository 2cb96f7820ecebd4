package io.scalemesh.controlplane.simulation;

import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.scalemesh.controlplane.config.SimulationConfig;
import io.scalemesh.controlplane.fixtures.FreePorts;
import io.scalemesh.controlplane.time.ScaledClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoadDriverTest {
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger driverLog = (Logger) LoggerFactory.getLogger(LoadDriver.class);

  @BeforeEach
  void captureLogs() {
    logs.start();
    driverLog.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    driverLog.detachAppender(logs);
  }

  /** Before, a failed call only freed its place in flight: a demo dropping calls said nothing. */
  @Test
  void callsThatFailAreToldInTheLogWithTheirStatus() {
    // No control plane on that port: the client never learns a route, and every call fails.
    SimulationConfig.Load load =
        new SimulationConfig.Load(true, "backend", List.of(new SimulationConfig.Point(0.0, 20.0)));
    try (LoadDriver driver =
        new LoadDriver("backend", "127.0.0.1", FreePorts.one(), load, ScaledClock.real()).start()) {
      await()
          .atMost(Duration.ofSeconds(40))
          .until(
              () ->
                  logs.list.stream()
                      .anyMatch(
                          event ->
                              event.getLevel() == Level.WARN
                                  && event
                                      .getFormattedMessage()
                                      .matches(
                                          "Demo traffic to backend: [\\d,]+ of [\\d,]+ calls"
                                              + " failed: [A-Z_]+ .*")));
    }
  }
}
