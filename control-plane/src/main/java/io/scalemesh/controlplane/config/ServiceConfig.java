package io.scalemesh.controlplane.config;

import io.scalemesh.controlplane.mesh.BackendProtocol;
import io.scalemesh.controlplane.mesh.ServiceSpec;
import io.scalemesh.controlplane.policy.AutoscalePolicy;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One scale set and how the mesh exposes it. What an entry leaves out comes from {@code
 * every_service} in defaults.yaml.
 *
 * @param name the service name: xDS cluster and listener, gRPC target {@code xds:///name}
 * @param protocol grpc or http
 * @param healthCheckPath the path Envoy probes on HTTP services
 * @param discovery where its instances come from
 * @param autoscale its capacity bounds and autoscale rules
 */
public record ServiceConfig(
    String name,
    BackendProtocol protocol,
    String healthCheckPath,
    DiscoveryConfig discovery,
    Autoscale autoscale) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?");

  public ServiceConfig {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name '"
              + name
              + "' must be 1-63 lower-case letters, digits, '-' or '.', starting and ending with a letter or digit");
    }
    if (!healthCheckPath.startsWith("/")) {
      throw new IllegalArgumentException(
          "health_check_path '" + healthCheckPath + "' must start with '/'");
    }
    if (discovery == null) {
      throw new IllegalArgumentException("discovery is missing");
    }
  }

  public ServiceSpec spec() {
    return new ServiceSpec(name, protocol, healthCheckPath);
  }

  /**
   * Capacity bounds and the CPU autoscale rules of a scale set, as the Terraform module sets them
   * on Azure: out by {@code step} above {@code scaleOutAbove}, in by {@code step} below {@code
   * scaleInBelow}, averaged over {@code timeWindowMinutes}, then {@code cooldownMinutes}. {@code
   * enabled: false} keeps the bounds for manual scaling only.
   *
   * @param defaultCapacity the capacity Azure falls back to; none given: the minimum
   */
  public record Autoscale(
      boolean enabled,
      int minimum,
      int maximum,
      Integer defaultCapacity,
      double scaleOutAbove,
      double scaleInBelow,
      double timeWindowMinutes,
      double timeGrainMinutes,
      double cooldownMinutes,
      int step) {

    public Autoscale {
      if (scaleInBelow >= scaleOutAbove) {
        throw new IllegalArgumentException(
            "scale_in_below " + scaleInBelow + " must be under scale_out_above " + scaleOutAbove);
      }
      if (timeGrainMinutes < 1.0 / 60
          || timeWindowMinutes < timeGrainMinutes
          || cooldownMinutes < 0
          || step < 1) {
        throw new IllegalArgumentException(
            "need time_grain_minutes >= 1/60, time_window_minutes >= the grain, "
                + "cooldown_minutes >= 0 and step >= 1");
      }
      // Building the policy checks the bounds, with one message for all of them. (The fields are
      // not assigned yet, so policy() would see none of them.)
      policy(
          enabled,
          minimum,
          maximum,
          defaultCapacity,
          scaleOutAbove,
          scaleInBelow,
          timeWindowMinutes,
          timeGrainMinutes,
          cooldownMinutes,
          step);
    }

    public AutoscalePolicy policy() {
      return policy(
          enabled,
          minimum,
          maximum,
          defaultCapacity,
          scaleOutAbove,
          scaleInBelow,
          timeWindowMinutes,
          timeGrainMinutes,
          cooldownMinutes,
          step);
    }

    private static AutoscalePolicy policy(
        boolean enabled,
        int minimum,
        int maximum,
        Integer defaultCapacity,
        double out,
        double in,
        double window,
        double grain,
        double cooldown,
        int step) {
      return AutoscalePolicy.cpuBand(
          enabled,
          minimum,
          maximum,
          defaultCapacity == null ? minimum : defaultCapacity,
          out,
          in,
          minutes(window),
          minutes(grain),
          minutes(cooldown),
          step);
    }

    private static Duration minutes(double minutes) {
      return Duration.ofMillis(Math.round(minutes * 60_000));
    }
  }
}
