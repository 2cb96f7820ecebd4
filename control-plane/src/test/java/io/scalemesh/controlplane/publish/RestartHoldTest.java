package io.scalemesh.controlplane.publish;

import static io.scalemesh.controlplane.fixtures.ManualSource.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.config.ScalemeshConfig;
import io.scalemesh.controlplane.fixtures.ManualSource;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.mesh.Instance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A control plane that restarts while its source misreports most of a fleet gone holds that
 * removal, measured against what it published before the restart (guard.last_published_file).
 */
class RestartHoldTest {
  @TempDir Path dir;

  private Path lastPublished;
  private ScalemeshConfig config;

  @BeforeEach
  void publishFourAndStop() {
    lastPublished = dir.resolve("last-published.json");
    config =
        TestConfigs.fromYaml(
            dir,
            """
        guard: {max_removal_share: 0.5, hold_minutes: 10, last_published_file: %s}
        services:
          - name: backend
            discovery: {kind: simulated}
        """
                .formatted(lastPublished));
    ManualSource source = new ManualSource("backend");
    try (ControlPlane plane =
        ControlPlane.startWith(config, List.of(source.capabilities()), Clock.systemUTC())) {
      source.report(List.of(vm(1), vm(2), vm(3), vm(4)));
      await().until(() -> plane.publisher().current().isPresent() && Files.exists(lastPublished));
    }
  }

  @Test
  void theFirstDiscoveryAfterARestartIsHeldAgainstWhatWasPublishedBefore() {
    assertThat(publishedAfterRestartWith(Clock.systemUTC(), List.of(vm(1))))
        .extracting(Instance::name)
        .containsExactly("vm-1", "vm-2", "vm-3", "vm-4");
  }

  @Test
  void aFileOlderThanAHoldLastsIsNotUsed() {
    Clock elevenMinutesLater = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(11));

    assertThat(publishedAfterRestartWith(elevenMinutesLater, List.of(vm(1))))
        .extracting(Instance::name)
        .containsExactly("vm-1");
  }

  @Test
  void anUnreadableFileIsPassedOverAndThenReplaced() throws Exception {
    Files.writeString(lastPublished, "{\"instances\": [truncated");

    assertThat(publishedAfterRestartWith(Clock.systemUTC(), List.of(vm(1))))
        .extracting(Instance::name)
        .containsExactly("vm-1");
    assertThat(Files.readString(lastPublished)).contains("vm-1").doesNotContain("truncated");
  }

  /** Starts again over the same file; returns what it published once its source reported these. */
  private List<Instance> publishedAfterRestartWith(Clock clock, List<Instance> discovered) {
    ManualSource source = new ManualSource("backend");
    try (ControlPlane plane =
        ControlPlane.startWith(config, List.of(source.capabilities()), clock)) {
      assertThat(plane.publisher().current()).as("published before the first discovery").isEmpty();
      source.report(discovered);
      await().until(() -> plane.publisher().current().isPresent());
      await().until(() -> Files.readString(lastPublished).contains("vm-1"));
      return plane.publisher().current().orElseThrow().state().services().getFirst().instances();
    }
  }
}
