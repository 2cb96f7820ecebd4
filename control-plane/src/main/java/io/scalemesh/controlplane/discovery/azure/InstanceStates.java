package io.scalemesh.controlplane.discovery.azure;

import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.VirtualMachineHealthStatus;
import io.scalemesh.controlplane.mesh.InstanceState;
import java.util.List;
import java.util.Locale;

/** How an Azure VM's provisioning, power and application-health states decide its routing. */
final class InstanceStates {
  private InstanceStates() {}

  /**
   * Being deleted or stopped: draining. Failed, stopped or reported unhealthy: unhealthy. Anything
   * short of running and provisioned (creating, starting, health initializing, no instance view):
   * booting, so never routed to before Azure says it runs. An instance without the application
   * health extension is ready once it runs; the proxies' own health checks still apply.
   */
  static InstanceState of(String provisioningState, String powerState, String healthState) {
    String provisioning = lower(provisioningState);
    String power = lower(powerState);
    String health = lower(healthState);
    if (provisioning.equals("deleting")
        || power.equals("stopping")
        || power.equals("deallocating")) {
      return InstanceState.DRAINING;
    }
    if (provisioning.equals("failed")
        || power.equals("stopped")
        || power.equals("deallocated")
        || health.equals("unhealthy")) {
      return InstanceState.UNHEALTHY;
    }
    if (provisioning.equals("creating")
        || !power.equals("running")
        || health.equals("initializing")) {
      return InstanceState.BOOTING;
    }
    return InstanceState.READY;
  }

  /** "running" from the status "PowerState/running"; empty without one. */
  static String power(List<InstanceViewStatus> statuses) {
    return statuses == null
        ? ""
        : statuses.stream()
            .map(InstanceViewStatus::code)
            .filter(code -> code != null && code.startsWith("PowerState/"))
            .map(code -> code.substring("PowerState/".length()))
            .findFirst()
            .orElse("");
  }

  /** "healthy" from the application health extension's "HealthState/healthy"; empty without one. */
  static String health(VirtualMachineHealthStatus vmHealth) {
    if (vmHealth == null || vmHealth.status() == null || vmHealth.status().code() == null) {
      return "";
    }
    String code = vmHealth.status().code();
    return code.startsWith("HealthState/") ? code.substring("HealthState/".length()) : code;
  }

  private static String lower(String value) {
    return value == null ? "" : value.toLowerCase(Locale.ROOT);
  }
}
