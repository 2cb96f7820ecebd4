package io.scalemesh.console.e2e;

import static io.scalemesh.controlplane.fixtures.TestTokens.sha;

import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.config.ScalemeshConfig;
import io.scalemesh.controlplane.fixtures.ManualSource;
import io.scalemesh.controlplane.fixtures.OidcIssuer;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Real control planes in this process with a scale set "backend", an operator token and a viewer
 * token; the audit log is {@link TestConfigs#auditLog}.
 */
final class ControlPlanes {
  static final String OPERATOR_TOKEN = "operator-token";
  static final String VIEWER_TOKEN = "viewer-token";

  private ControlPlanes() {}

  /**
   * One in simulated mode: "backend" of 2 (bounds 1..8, no autoscale, so only the tests change it).
   * {@code consolePort} 0 picks a free port, another restarts on a known one.
   */
  static ControlPlane start(Path dir, int consolePort) {
    return ControlPlane.start(
        config(
            dir,
            consolePort,
            """
        simulation: {time_scale: 60}
        services:
          - name: backend
            discovery: {kind: simulated, capacity: 2, boot_seconds: 0.5, drain_seconds: 0.5}
            autoscale: {enabled: false, minimum: 1, maximum: 8, default_capacity: 2}
        """),
        Clock.systemUTC());
  }

  /**
   * One whose "backend" is what {@code source} reports, and whose guard holds a removal of more
   * than half of its ready instances until an operator releases it.
   */
  static ControlPlane holdingRemovals(Path dir, ManualSource source) {
    return ControlPlane.startWith(
        config(
            dir,
            0,
            """
        guard: {max_removal_share: 0.5, hold_minutes: 0}
        services:
          - name: backend
            discovery: {kind: simulated}
            autoscale: {enabled: false, minimum: 1, maximum: 6, default_capacity: 4}
        """),
        List.of(source.capabilities()),
        Clock.systemUTC());
  }

  /** One that also accepts the access tokens of {@code issuer}, with "backend" as above. */
  static ControlPlane signingIn(Path dir, OidcIssuer issuer) {
    return ControlPlane.start(
        config(
            dir,
            0,
            // continues the console_api mapping that config() starts
            """
              oidc: %s
            services:
              - name: backend
                discovery: {kind: simulated, capacity: 2, boot_seconds: 0.5, drain_seconds: 0.5}
                autoscale: {enabled: false, minimum: 1, maximum: 6, default_capacity: 2}
            """
                .formatted(issuer.oidcYaml())),
        Clock.systemUTC());
  }

  private static ScalemeshConfig config(Path dir, int consolePort, String yaml) {
    return TestConfigs.fromYaml(
        dir,
        """
        console_api:
          tokens:
            - {identity: ops, role: operator, sha256: %s}
            - {identity: dashboards, role: viewer, sha256: %s}
        """
                .formatted(sha(OPERATOR_TOKEN), sha(VIEWER_TOKEN))
            + yaml,
        Map.of("console_api.port", Integer.toString(consolePort)));
  }
}
