package io.scalemesh.console.e2e;

import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.access.TokenAuthenticator;
import io.scalemesh.controlplane.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Real control planes in this process, in simulated mode: a scale set "backend" of 2 (bounds 1..6,
 * no autoscale, so only the tests change it), an operator token and a viewer token.
 */
final class ControlPlanes {
  static final String OPERATOR_TOKEN = "operator-token";
  static final String VIEWER_TOKEN = "viewer-token";

  private ControlPlanes() {}

  /** Starts one; {@code consolePort} 0 picks a free port, another restarts on a known one. */
  static ControlPlane start(Path dir, int consolePort) {
    try {
      Path config = Files.writeString(dir.resolve("scalemesh.yaml"), """
          console_api:
            tokens:
              - {identity: ops, role: operator, sha256: %s}
              - {identity: dashboards, role: viewer, sha256: %s}
          simulation: {time_scale: 60}
          services:
            - name: backend
              discovery: {kind: simulated, capacity: 2, boot_seconds: 0.5, drain_seconds: 0.5}
              autoscale: {enabled: false, minimum: 1, maximum: 6, default_capacity: 2}
          """.formatted(sha(OPERATOR_TOKEN), sha(VIEWER_TOKEN)));
      return ControlPlane.start(ConfigLoader.load(Optional.of(config), Map.of(
          "xds.port", "0", "api.port", "0", "console_api.port", Integer.toString(consolePort),
          "console_api.audit_log", dir.resolve("audit.jsonl").toString())), Clock.systemUTC());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha(String token) {
    return HexFormat.of().formatHex(TokenAuthenticator.sha256(token));
  }
}
