package io.scalemesh.controlplane.discovery.azure;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A scale set in the local Resource Manager: its VMs, CPU figures and autoscale setting. */
final class FakeScaleSet {
  final String name;
  final boolean flexible;
  volatile int capacity;
  volatile Map<String, Object> autoscale;
  volatile String provisioningState = "Succeeded";
  private final List<FakeVm> vms = new CopyOnWriteArrayList<>();
  private final Map<String, Double> cpu = new HashMap<>();
  private int created;

  FakeScaleSet(String name, boolean flexible, int capacity) {
    this.name = name;
    this.flexible = flexible;
    this.capacity = capacity;
    for (int i = 0; i < capacity; i++) {
      add();
    }
  }

  /** A new running, healthy VM, with a public IP when its number is even. */
  FakeVm add() {
    int n = created++;
    String vmName = flexible ? name + "_" + Integer.toHexString(0xa000 + n) : name + "_" + n;
    FakeVm vm =
        new FakeVm(
            vmName,
            Integer.toString(n),
            name,
            !flexible,
            "10.0.1." + (n + 4),
            n % 2 == 0 ? "20.0.0." + (n + 4) : null,
            Integer.toString(n % 3 + 1),
            Map.of("role", "backend"));
    vms.add(vm);
    return vm;
  }

  List<FakeVm> vms() {
    return List.copyOf(vms);
  }

  FakeVm vm(int index) {
    return vms.get(index);
  }

  void cpu(String vmName, double percent) {
    synchronized (cpu) {
      cpu.put(vmName, percent);
    }
  }

  /**
   * Azure Monitor's autoscale setting for this scale set: CPU above/below, by one, as the Terraform
   * module.
   */
  void autoscale(
      boolean enabled, int minimum, int maximum, int defaultCapacity, double out, double in) {
    autoscale =
        Map.of(
            "enabled",
            enabled,
            "minimum",
            minimum,
            "maximum",
            maximum,
            "default",
            defaultCapacity,
            "out",
            out,
            "in",
            in);
  }

  /**
   * Starts a change to {@code target} VMs; the returned action ends it (new VMs run, removed ones
   * go).
   */
  synchronized Runnable resize(int target) {
    capacity = target;
    provisioningState = "Updating";
    List<FakeVm> adding = new ArrayList<>();
    List<FakeVm> removing = new ArrayList<>();
    List<FakeVm> live =
        vms.stream().filter(vm -> !vm.provisioningState.equals("Deleting")).toList();
    for (int i = live.size(); i < target; i++) {
      adding.add(add().state("Creating", "starting", "initializing"));
    }
    for (int i = target; i < live.size(); i++) {
      removing.add(
          live.get(live.size() - 1 - (i - target)).state("Deleting", "running", "healthy"));
    }
    return () -> {
      adding.forEach(vm -> vm.state("Succeeded", "running", "healthy"));
      vms.removeAll(removing);
      provisioningState = "Succeeded";
    };
  }

  /**
   * Starts an update that will fail: Updating until the returned action ends it, with nothing
   * changed.
   */
  Runnable failingUpdate() {
    provisioningState = "Updating";
    return () -> provisioningState = "Succeeded";
  }

  Map<String, Object> json() {
    return Map.of(
        "id", ResourceManagerStub.scaleSetId(name),
        "name", name,
        "location", "westeurope",
        "sku", Map.of("name", "Standard_B2s", "tier", "Standard", "capacity", capacity),
        "properties",
            Map.of(
                "orchestrationMode",
                flexible ? "Flexible" : "Uniform",
                "provisioningState",
                provisioningState));
  }

  Map<String, Object> metricsJson() {
    String minute =
        Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.MINUTES).toString();
    List<Map<String, Object>> series = new ArrayList<>();
    synchronized (cpu) {
      cpu.forEach(
          (vm, percent) ->
              series.add(
                  Map.of(
                      "metadatavalues",
                          List.of(
                              Map.of(
                                  "name",
                                  Map.of("value", "vmname", "localizedValue", "vmname"),
                                  "value",
                                  vm)),
                      "data", List.of(Map.of("timeStamp", minute, "average", percent)))));
    }
    return Map.of(
        "cost",
        0,
        "timespan",
        minute + "/" + minute,
        "interval",
        "PT1M",
        "namespace",
        "Microsoft.Compute/virtualMachineScaleSets",
        "resourceregion",
        "westeurope",
        "value",
        List.of(
            Map.of(
                "id",
                ResourceManagerStub.scaleSetId(name)
                    + "/providers/Microsoft.Insights/metrics/Percentage CPU",
                "type",
                "Microsoft.Insights/metrics",
                "name",
                Map.of("value", "Percentage CPU", "localizedValue", "Percentage CPU"),
                "unit",
                "Percent",
                "timeseries",
                series)));
  }

  Map<String, Object> autoscaleJson() {
    Map<String, Object> setting = autoscale;
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("name", "default");
    profile.put(
        "capacity",
        Map.of(
            "minimum",
            setting.get("minimum").toString(),
            "maximum",
            setting.get("maximum").toString(),
            "default",
            setting.get("default").toString()));
    profile.put(
        "rules",
        List.of(
            rule("GreaterThan", (double) setting.get("out"), "Increase"),
            rule("LessThan", (double) setting.get("in"), "Decrease")));
    return Map.of(
        "id",
        ResourceManagerStub.GROUP_ID
            + "/providers/microsoft.insights/autoscalesettings/"
            + name
            + "-autoscale",
        "name",
        name + "-autoscale",
        "location",
        "westeurope",
        "properties",
        Map.of(
            "enabled",
            setting.get("enabled"),
            "name",
            name + "-autoscale",
            "targetResourceUri",
            ResourceManagerStub.scaleSetId(name).toLowerCase(),
            "profiles",
            List.of(profile)));
  }

  private Map<String, Object> rule(String operator, double threshold, String direction) {
    return Map.of(
        "metricTrigger",
            Map.of(
                "metricName",
                "Percentage CPU",
                "metricResourceUri",
                ResourceManagerStub.scaleSetId(name),
                "timeGrain",
                "PT1M",
                "statistic",
                "Average",
                "timeWindow",
                "PT5M",
                "timeAggregation",
                "Average",
                "operator",
                operator,
                "threshold",
                threshold),
        "scaleAction",
            Map.of(
                "direction", direction, "type", "ChangeCount", "value", "1", "cooldown", "PT1M"));
  }
}
