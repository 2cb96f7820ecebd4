package io.scalemesh.console.events;

import io.scalemesh.console.mesh.Timestamps;
import io.scalemesh.console.ui.FixedSizeCell;
import io.scalemesh.console.ui.Fxml;
import io.scalemesh.console.ui.StyleClasses;
import io.scalemesh.model.console.v1.EventKind;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.util.StringConverter;

/** The event log, newest first, with a choice of kind; lines coloured by severity. */
public final class EventLogView {
  private final EventLogViewModel viewModel;
  private final Parent root;
  @FXML private ComboBox<Optional<EventKind>> kind;
  @FXML private TableView<EventRow> table;
  @FXML private TableColumn<EventRow, String> at;
  @FXML private TableColumn<EventRow, String> kindColumn;
  @FXML private TableColumn<EventRow, String> scaleSet;
  @FXML private TableColumn<EventRow, String> message;

  public EventLogView(EventLogViewModel viewModel) {
    this.viewModel = viewModel;
    this.root = Fxml.load(this);
  }

  @FXML
  private void initialize() {
    kind.getItems()
        .setAll(
            Stream.concat(
                    Stream.of(Optional.<EventKind>empty()),
                    EventKinds.filterable().stream().map(Optional::of))
                .toList());
    kind.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Optional<EventKind> value) {
            return value == null || value.isEmpty() ? "All kinds" : EventKinds.label(value.get());
          }

          @Override
          public Optional<EventKind> fromString(String text) {
            throw new UnsupportedOperationException("the kind is chosen, not typed");
          }
        });
    kind.valueProperty().bindBidirectional(viewModel.kindProperty());
    table.setItems(viewModel.events());
    for (TableColumn<EventRow, String> column : List.of(at, kindColumn, scaleSet, message)) {
      column.setCellFactory(FixedSizeCell.text());
    }
    at.setCellValueFactory(
        row -> new ReadOnlyStringWrapper(Timestamps.UTC.format(row.getValue().at())));
    kindColumn.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().kindLabel()));
    scaleSet.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().scaleSet()));
    message.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().message()));
    table.setRowFactory(
        view ->
            new TableRow<>() {
              @Override
              protected void updateItem(EventRow row, boolean empty) {
                super.updateItem(row, empty);
                // Rows are reused for other events as the table scrolls (and every row moves down
                // one as an event comes): the class follows the event the row shows now.
                StyleClasses.choose(
                    this,
                    EventSeverity.STYLE_CLASSES,
                    empty || row == null ? null : row.severity().styleClass());
              }
            });
  }

  public Parent root() {
    return root;
  }
}
