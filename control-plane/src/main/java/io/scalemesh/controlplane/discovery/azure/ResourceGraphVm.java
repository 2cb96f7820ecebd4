package io.scalemesh.controlplane.discovery.azure;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** One row of the tagged VMs' Resource Graph query as what Scalemesh reads of a VM. */
final class ResourceGraphVm {
  private static final Pattern VM_ID =
      Pattern.compile("(?i)/providers/microsoft\\.compute/virtualmachines/[^/]+$");

  private ResourceGraphVm() {}

  @SuppressWarnings("unchecked")
  static AzureVm of(Object row) {
    if (!(row instanceof Map<?, ?> map) || !(map.get("id") instanceof String id)) {
      throw new IllegalStateException("Resource Graph answered a row without an id: " + row);
    }
    if (!VM_ID.matcher(id).find()) {
      throw new IllegalStateException("Resource Graph answered a row that is not a VM: " + id);
    }
    Map<String, Object> vm = (Map<String, Object>) map;
    String power = text(vm.get("powerState"));
    return new AzureVm(
        id,
        text(vm.get("name")),
        text(vm.get("vmId")),
        vm.get("zones") instanceof List<?> zones
            ? zones.stream().map(String::valueOf).toList()
            : List.of(),
        text(vm.get("provisioningState")),
        power.startsWith("PowerState/") ? power.substring("PowerState/".length()) : power,
        "",
        null,
        vm.get("tags") instanceof Map<?, ?> tags ? stringMap(tags) : Map.of(),
        vm.get("nics") instanceof List<?> nics ? nicIds(nics) : List.of());
  }

  private static List<String> nicIds(List<?> nics) {
    return nics.stream()
        .filter(nic -> nic instanceof Map<?, ?> map && map.get("id") instanceof String)
        .map(nic -> (Map<?, ?>) nic)
        .sorted((a, b) -> Boolean.compare(primary(b), primary(a)))
        .map(nic -> (String) nic.get("id"))
        .toList();
  }

  private static boolean primary(Map<?, ?> nic) {
    return nic.get("properties") instanceof Map<?, ?> properties
        && Boolean.TRUE.equals(properties.get("primary"));
  }

  private static Map<String, String> stringMap(Map<?, ?> map) {
    Map<String, String> strings = new TreeMap<>();
    map.forEach(
        (key, value) ->
            strings.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
    return strings;
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
