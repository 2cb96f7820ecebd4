package io.scalemesh.console.ui;

import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.util.Callback;

/**
 * A table cell whose size never follows what it shows: the console's tables have rows of one height
 * (a fixed cell size, one line of text) and columns as wide as the operator makes them. So a new
 * text lays out this cell alone. By default a cell whose text changes has the whole table laid out
 * again, and the table then restyles every row on screen from scratch: with figures changing on
 * every update, and rows moving as instances and events come and go, that was most of what an
 * update of a table cost.
 */
public class FixedSizeCell<S, T> extends TableCell<S, T> {
  @Override
  public void requestLayout() {
    setNeedsLayout(true);
  }

  /** A cell showing its value's text, as a column shows by default. */
  public static <S, T> Callback<TableColumn<S, T>, TableCell<S, T>> text() {
    return column ->
        new FixedSizeCell<>() {
          @Override
          protected void updateItem(T value, boolean empty) {
            super.updateItem(value, empty);
            setText(empty || value == null ? null : value.toString());
          }
        };
  }
}
