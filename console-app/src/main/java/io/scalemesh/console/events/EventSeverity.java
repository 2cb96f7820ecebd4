package io.scalemesh.console.events;

import io.scalemesh.console.ui.StyleClasses;
import java.util.List;
import java.util.Locale;

/** How much an event asks for an operator's attention; the event log colours its lines by it. */
public enum EventSeverity {
  INFO,
  /** Routing is not what discovery says, or the console missed something. */
  WARNING,
  /** Something failed: a proxy rejected config, discovery could not refresh. */
  ERROR;

  /** The CSS class of a line of this severity. */
  public String styleClass() {
    return "severity-" + name().toLowerCase(Locale.ROOT);
  }

  static final List<String> STYLE_CLASSES =
      StyleClasses.of(EventSeverity.class, EventSeverity::styleClass);
}
