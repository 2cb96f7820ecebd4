package io.scalemesh.controlplane.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What the proxies saw of one scale event: the calls they reported to its service from the change
 * until it settled, and one reporting interval more.
 *
 * @param change what changed, e.g. "scale-out 4 -> 6"
 * @param calls calls that finished, well or not
 * @param failedByInstance failed calls by instance, only instances with any
 * @param proxies how many proxies' reports are counted
 */
public record ScaleEventReport(
    String change,
    Instant startedAt,
    Instant settledAt,
    long calls,
    long failed,
    Map<String, Long> failedByInstance,
    int proxies) {

  public ScaleEventReport {
    failedByInstance = Map.copyOf(failedByInstance);
  }

  /** "scale-out 4 -> 6 settled in 9 s: 18,402 calls, 0 failed", and where calls failed. */
  public String summary() {
    StringBuilder text =
        new StringBuilder()
            .append(change)
            .append(" settled in ")
            .append(Math.round(Duration.between(startedAt, settledAt).toMillis() / 1000.0))
            .append(" s: ")
            .append(String.format("%,d calls, %,d failed", calls, failed));
    if (!failedByInstance.isEmpty()) {
      text.append(" (");
      failedByInstance.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> text.append(e.getKey()).append(": ").append(e.getValue()).append(", "));
      text.setLength(text.length() - 2);
      text.append(')');
    }
    return text.toString();
  }
}
