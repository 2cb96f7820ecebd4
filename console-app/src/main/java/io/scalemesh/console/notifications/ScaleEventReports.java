package io.scalemesh.console.notifications;

import io.scalemesh.console.notifications.Notification.Severity;
import io.scalemesh.model.console.v1.Event;
import io.scalemesh.model.console.v1.EventKind;
import io.scalemesh.model.console.v1.ScaleEventReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tells the operator what the proxies saw of each scale event once it settled: how many calls, how
 * many failed and on which instances. A scale event that failed calls is a warning: scaling is
 * meant to lose none.
 */
final class ScaleEventReports {
  /** How many instances a report names; the rest it counts. */
  private static final int NAMED = 3;

  private ScaleEventReports() {}

  /** Reports the scale-event reports among these events (those since the previous update). */
  static void apply(List<Event> events, Notifier notifier) {
    for (Event event : events) {
      if (event.getKind() == EventKind.EVENT_KIND_SCALE_EVENT_REPORT
          && event.hasScaleEventReport()) {
        ScaleEventReport report = event.getScaleEventReport();
        notifier.notify(
            report.getFailed() > 0 ? Severity.WARNING : Severity.INFO, text(event, report));
      }
    }
  }

  /**
   * "backend: scale-out 2 -> 4 settled: 1,234 calls, 3 failed (backend_1 2, backend_3 1), from 2
   * proxies"
   */
  private static String text(Event event, ScaleEventReport report) {
    StringBuilder text =
        new StringBuilder()
            .append(event.getScaleSet())
            .append(": ")
            .append(report.getChange())
            .append(" settled: ")
            .append(
                String.format(
                    Locale.ROOT, "%,d calls, %,d failed", report.getCalls(), report.getFailed()));
    List<Map.Entry<String, Long>> failing =
        report.getFailedByInstanceMap().entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    if (!failing.isEmpty()) {
      text.append(" (")
          .append(
              String.join(
                  ", ",
                  failing.stream()
                      .limit(NAMED)
                      .map(entry -> entry.getKey() + " " + entry.getValue())
                      .toList()))
          .append(failing.size() > NAMED ? " and " + (failing.size() - NAMED) + " more" : "")
          .append(')');
    }
    return text.append(", from ")
        .append(report.getProxies())
        .append(report.getProxies() == 1 ? " proxy" : " proxies")
        .toString();
  }
}
