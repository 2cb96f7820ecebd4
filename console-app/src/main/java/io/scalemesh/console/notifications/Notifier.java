package io.scalemesh.console.notifications;

import io.scalemesh.console.notifications.Notification.Severity;

/** What a part of the console uses to tell the operator something in the notification area. */
@FunctionalInterface
public interface Notifier {
  void notify(Severity severity, String text);
}
