package io.scalemesh.controlplane.discovery.azure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One VM as the local Resource Manager knows it, and its Resource Manager JSON: as a Uniform scale
 * set instance, or as an ordinary VM (Flexible instances and standalone VMs), with its NIC and
 * public IP.
 */
final class FakeVm {
  final String name;
  final String instanceId;
  final String scaleSet;
  final boolean uniform;
  final String privateIp;
  final String publicIp;
  final String zone;
  final Map<String, String> tags;
  volatile String provisioningState = "Succeeded";
  volatile String powerState = "running";
  volatile String healthState = "healthy";

  /**
   * Whether its NIC names it back ({@code properties.virtualMachine}); Resource Manager's do not
   * always.
   */
  volatile boolean nicNamesVm = true;

  FakeVm(
      String name,
      String instanceId,
      String scaleSet,
      boolean uniform,
      String privateIp,
      String publicIp,
      String zone,
      Map<String, String> tags) {
    this.name = name;
    this.instanceId = instanceId;
    this.scaleSet = scaleSet;
    this.uniform = uniform;
    this.privateIp = privateIp;
    this.publicIp = publicIp;
    this.zone = zone;
    this.tags = tags;
  }

  FakeVm state(String provisioning, String power, String health) {
    provisioningState = provisioning;
    powerState = power;
    healthState = health;
    return this;
  }

  String id() {
    return uniform
        ? ResourceManagerStub.GROUP_ID
            + "/providers/Microsoft.Compute/virtualMachineScaleSets/"
            + scaleSet
            + "/virtualMachines/"
            + instanceId
        : ResourceManagerStub.GROUP_ID + "/providers/Microsoft.Compute/virtualMachines/" + name;
  }

  String nicId() {
    return uniform
        ? id() + "/networkInterfaces/nic"
        : ResourceManagerStub.GROUP_ID
            + "/providers/Microsoft.Network/networkInterfaces/"
            + name
            + "-nic";
  }

  String publicIpId() {
    return uniform
        ? nicId() + "/ipConfigurations/ip/publicIPAddresses/pip"
        : ResourceManagerStub.GROUP_ID
            + "/providers/Microsoft.Network/publicIPAddresses/"
            + name
            + "-pip";
  }

  /** As listed with its instance view ({@code $expand=instanceView}), or without. */
  Map<String, Object> vmJson(boolean withInstanceView) {
    Map<String, Object> instanceView = new LinkedHashMap<>();
    instanceView.put(
        "platformFaultDomain", Integer.parseInt(instanceId.replaceAll("\\D", "0")) % 3);
    instanceView.put(
        "statuses",
        List.of(
            Map.of("code", "ProvisioningState/" + provisioningState.toLowerCase()),
            Map.of("code", "PowerState/" + powerState)));
    instanceView.put("vmHealth", Map.of("status", Map.of("code", "HealthState/" + healthState)));
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("provisioningState", provisioningState);
    if (withInstanceView) {
      properties.put("instanceView", instanceView);
    }
    properties.put("networkProfile", Map.of("networkInterfaces", List.of(Map.of("id", nicId()))));
    if (!uniform) {
      properties.put("vmId", "vm-id-" + name);
      if (scaleSet != null) {
        properties.put(
            "virtualMachineScaleSet", Map.of("id", ResourceManagerStub.scaleSetId(scaleSet)));
      }
    }
    Map<String, Object> vm = new LinkedHashMap<>();
    vm.put("id", id());
    vm.put("name", name);
    if (uniform) {
      vm.put("instanceId", instanceId);
    }
    vm.put("location", "westeurope");
    vm.put("zones", List.of(zone));
    vm.put("tags", tags);
    vm.put("properties", properties);
    return vm;
  }

  /**
   * As the subscription-wide list with {@code statusOnly=true} has it: the instance view and
   * nothing else of the model, so no tags and no network profile (azure-sdk-for-go issue 18565:
   * tags come back only without statusOnly).
   */
  Map<String, Object> statusOnlyJson() {
    Map<String, Object> full = vmJson(true);
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) full.get("properties");
    return Map.of(
        "id",
        id(),
        "name",
        name,
        "properties",
        Map.of("instanceView", properties.get("instanceView")));
  }

  Map<String, Object> nicJson() {
    Map<String, Object> ipProperties = new LinkedHashMap<>();
    ipProperties.put("primary", true);
    ipProperties.put("privateIPAddress", privateIp);
    if (publicIp != null) {
      ipProperties.put("publicIPAddress", Map.of("id", publicIpId()));
    }
    List<Map<String, Object>> configurations = new ArrayList<>();
    configurations.add(
        Map.of("id", nicId() + "/ipConfigurations/ip", "name", "ip", "properties", ipProperties));
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("primary", true);
    if (nicNamesVm) {
      properties.put("virtualMachine", Map.of("id", id()));
    }
    properties.put("ipConfigurations", configurations);
    return Map.of("id", nicId(), "name", "nic", "properties", properties);
  }

  /** As the tagged-VM source's Resource Graph query projects it. */
  Map<String, Object> resourceGraphRow() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id());
    row.put("name", name);
    row.put("zones", List.of(zone));
    row.put("tags", tags);
    row.put("vmId", "vm-id-" + name);
    row.put("provisioningState", provisioningState);
    row.put("powerState", "PowerState/" + powerState);
    row.put("nics", List.of(Map.of("id", nicId(), "properties", Map.of("primary", true))));
    return row;
  }

  Map<String, Object> publicIpJson() {
    return Map.of(
        "id",
        publicIpId(),
        "name",
        "pip",
        "properties",
        Map.of(
            "ipAddress",
            publicIp,
            "ipConfiguration",
            Map.of("id", nicId() + "/ipConfigurations/ip")));
  }
}
