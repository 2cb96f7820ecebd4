package io.scalemesh.controlplane;

import io.scalemesh.controlplane.config.ConfigLoader;
import io.scalemesh.controlplane.config.ScalemeshConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Configurations for tests: everything on 127.0.0.1 and free ports. */
public final class TestConfigs {
  private TestConfigs() {}

  /** One simulated service "backend" with this capacity and these boot and drain times. */
  public static ScalemeshConfig simulated(Path dir, int capacity, double bootSeconds, double drainSeconds) {
    return fromYaml(dir, """
        services:
          - name: backend
            discovery:
              kind: simulated
              capacity: %d
              boot_seconds: %s
              drain_seconds: %s
        """.formatted(capacity, bootSeconds, drainSeconds));
  }

  /** The given YAML on top of the defaults, with the xDS and REST ports free ones. */
  public static ScalemeshConfig fromYaml(Path dir, String yaml) {
    try {
      Path file = Files.createTempFile(dir, "scalemesh", ".yaml");
      Files.writeString(file, yaml);
      return ConfigLoader.load(Optional.of(file), Map.of("xds.port", "0", "api.port", "0", "console_api.port", "0",
          "console_api.audit_log", dir.resolve("audit.jsonl").toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
