package io.scalemesh.console.instances;

import io.scalemesh.model.console.v1.Instance;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.ScaleSet;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** Every instance of every scale set, filtered by what the operator types. */
public final class InstanceTableViewModel {
  private final ObservableList<InstanceRow> rows = FXCollections.observableArrayList();
  private final FilteredList<InstanceRow> shown = new FilteredList<>(rows);
  private final Map<String, Map<String, InstanceRow>> byScaleSet = new HashMap<>();

  /** How many statuses were applied: the number of the latest, which rows seen in it carry. */
  private long statuses;

  private final StringProperty filter = new SimpleStringProperty("");

  public InstanceTableViewModel() {
    filter.addListener((property, before, after) -> refilter());
  }

  /**
   * Every status carries every instance, ten times a second at worst: rows are found without making
   * a key or a set per instance, and those not seen are looked for only when some were not.
   */
  public void apply(MeshStatus status) {
    long applied = ++statuses;
    int seen = 0;
    for (ScaleSet scaleSet : status.getScaleSetsList()) {
      Map<String, InstanceRow> ofScaleSet =
          byScaleSet.computeIfAbsent(scaleSet.getName(), name -> new HashMap<>());
      for (Instance instance : scaleSet.getInstancesList()) {
        InstanceRow row = ofScaleSet.get(instance.getName());
        if (row == null) {
          row = new InstanceRow(scaleSet.getName(), instance);
          ofScaleSet.put(instance.getName(), row);
          rows.add(row);
        } else {
          row.update(instance);
        }
        row.seenIn(applied);
        seen++;
      }
    }
    if (seen < rows.size()) {
      rows.removeIf(row -> !row.wasSeenIn(applied));
      byScaleSet
          .values()
          .forEach(ofScaleSet -> ofScaleSet.values().removeIf(row -> !row.wasSeenIn(applied)));
      byScaleSet.values().removeIf(Map::isEmpty);
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
