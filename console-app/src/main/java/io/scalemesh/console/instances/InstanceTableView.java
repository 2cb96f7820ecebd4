package io.scalemesh.console.instances;

import io.scalemesh.console.topology.NodeState;
import io.scalemesh.console.ui.FixedSizeCell;
import io.scalemesh.console.ui.Fxml;
import io.scalemesh.console.ui.StyleClasses;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/** The instance table: sortable by any column, filtered by {@link InstanceTableViewModel}. */
public final class InstanceTableView {
  private final InstanceTableViewModel viewModel;
  private final Parent root;
  @FXML private TextField filter;
  @FXML private Label count;
  @FXML private TableView<InstanceRow> table;
  @FXML private TableColumn<InstanceRow, String> scaleSet;
  @FXML private TableColumn<InstanceRow, String> name;
  @FXML private TableColumn<InstanceRow, String> state;
  @FXML private TableColumn<InstanceRow, Number> cpu;
  @FXML private TableColumn<InstanceRow, Number> callsPerSecond;
  @FXML private TableColumn<InstanceRow, Number> errorsPerSecond;
  @FXML private TableColumn<InstanceRow, String> zone;
  @FXML private TableColumn<InstanceRow, String> privateIp;
  @FXML private TableColumn<InstanceRow, String> publicIp;
  @FXML private TableColumn<InstanceRow, String> health;

  public InstanceTableView(InstanceTableViewModel viewModel) {
    this.viewModel = viewModel;
    this.root = Fxml.load(this);
  }

  @FXML
  private void initialize() {
    filter.textProperty().bindBidirectional(viewModel.filterProperty());
    SortedList<InstanceRow> sorted = new SortedList<>(viewModel.rows());
    sorted.comparatorProperty().bind(table.comparatorProperty());
    table.setItems(sorted);
    count
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> InstanceTableViewModel.count(viewModel.rows().size()), viewModel.rows()));
    for (TableColumn<InstanceRow, String> column :
        List.of(scaleSet, name, zone, privateIp, publicIp, health)) {
      column.setCellFactory(FixedSizeCell.text());
    }
    scaleSet.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().scaleSet()));
    name.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().name()));
    state.setCellValueFactory(row -> row.getValue().stateProperty());
    state.setCellFactory(column -> new StateCell());
    cpu.setCellValueFactory(row -> row.getValue().cpuProperty());
    cpu.setCellFactory(column -> new OneDecimalCell());
    callsPerSecond.setCellValueFactory(row -> row.getValue().callsPerSecondProperty());
    callsPerSecond.setCellFactory(column -> new OneDecimalCell());
    errorsPerSecond.setCellValueFactory(row -> row.getValue().errorsPerSecondProperty());
    errorsPerSecond.setCellFactory(column -> new OneDecimalCell());
    zone.setCellValueFactory(row -> row.getValue().zoneProperty());
    privateIp.setCellValueFactory(row -> row.getValue().privateIpProperty());
    publicIp.setCellValueFactory(row -> row.getValue().publicIpProperty());
    health.setCellValueFactory(row -> row.getValue().healthProperty());
  }

  /** A figure with one decimal. */
  private static final class OneDecimalCell extends FixedSizeCell<InstanceRow, Number> {
    @Override
    protected void updateItem(Number value, boolean empty) {
      super.updateItem(value, empty);
      setText(empty || value == null ? null : "%.1f".formatted(value.doubleValue()));
    }
  }

  /** Colours the state like the topology does. */
  private static final class StateCell extends FixedSizeCell<InstanceRow, String> {
    @Override
    protected void updateItem(String value, boolean empty) {
      super.updateItem(value, empty);
      setText(empty ? null : value);
      StyleClasses.choose(
          this,
          NodeState.STYLE_CLASSES,
          empty || value == null
              ? null
              : NodeState.valueOf(value.toUpperCase(Locale.ROOT)).styleClass());
    }
  }

  /** Puts the cursor in the filter box (the Ctrl+F shortcut). */
  public void focusFilter() {
    filter.requestFocus();
    filter.selectAll();
  }

  public Parent root() {
    return root;
  }
}
