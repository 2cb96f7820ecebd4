package io.scalemesh.console.notifications;

import java.time.Instant;

/**
 * One line of the notification area.
 *
 * @param at when the console heard of it, on this computer's clock
 */
public record Notification(Instant at, Severity severity, String text) {
  public enum Severity {
    INFO,
    WARNING,
    ERROR;

    /** The CSS class the notification area gives a line of this severity. */
    public String styleClass() {
      return "notification-" + name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
