package io.scalemesh.console.instances;

import io.scalemesh.model.console.v1.Instance;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.ScaleSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** Every instance of every scale set, filtered by what the operator types. */
public final class InstanceTableViewModel {
  private final ObservableList<InstanceRow> rows = FXCollections.observableArrayList();
  private final FilteredList<InstanceRow> shown = new FilteredList<>(rows);
  private final Map<String, InstanceRow> byKey = new HashMap<>();
  private final StringProperty filter = new SimpleStringProperty("");

  public InstanceTableViewModel() {
    filter.addListener((property, before, after) -> refilter());
  }

  public void apply(MeshStatus status) {
    Set<String> seen = new HashSet<>();
    for (ScaleSet scaleSet : status.getScaleSetsList()) {
      for (Instance instance : scaleSet.getInstancesList()) {
        String key = scaleSet.getName() + "/" + instance.getName();
        seen.add(key);
        InstanceRow row = byKey.get(key);
        if (row == null) {
          row = new InstanceRow(scaleSet.getName(), instance);
          byKey.put(key, row);
          rows.add(row);
        } else {
          row.update(instance);
        }
      }
    }
    if (byKey.keySet().retainAll(seen)) {
      rows.removeIf(row -> !seen.contains(row.scaleSet() + "/" + row.name()));
    }
    if (!filter.get().isBlank()) {
      refilter(); // a row's state or IP may have started or stopped matching
    }
  }

  private void refilter() {
    shown.setPredicate(InstanceFilter.parse(filter.get()));
  }

  /** "1 instance", "8 instances": how many rows the filter shows. */
  public static String count(int rows) {
    return rows + (rows == 1 ? " instance" : " instances");
  }

  /** The rows that match the filter; a view sorts them. */
  public ObservableList<InstanceRow> rows() {
    return shown;
  }

  /** Words to look for (see {@link InstanceFilter}); empty shows everything. */
  public StringProperty filterProperty() {
    return filter;
  }
}
