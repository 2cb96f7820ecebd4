package io.scalemesh.controlplane.simulation;

import io.grpc.Status;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * What became of the demo's calls since they were last told of: how many there were, and the failed
 * ones by status code. The load reports count failures too, but per instance: a call that reached
 * none (no route yet, a deadline passed while connecting) is in no report, and the demo must not
 * drop it without a word.
 */
final class CallOutcomes {
  private final LongAdder calls = new LongAdder();
  private final ConcurrentMap<Status.Code, LongAdder> failed = new ConcurrentHashMap<>();
  private volatile String lastFailure = "";

  void succeeded() {
    calls.increment();
  }

  void failed(Throwable failure) {
    Status status = Status.fromThrowable(failure);
    calls.increment();
    failed.computeIfAbsent(status.getCode(), code -> new LongAdder()).increment();
    lastFailure =
        status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
  }

  /**
   * "3 of 1,204 calls failed: UNAVAILABLE 2, DEADLINE_EXCEEDED 1 (the last: UNAVAILABLE: ...)", the
   * most frequent code first, or empty when none failed; counting begins again from nothing.
   */
  Optional<String> tell() {
    long all = calls.sumThenReset();
    Map<Status.Code, Long> byCode = new TreeMap<>();
    failed.forEach((code, count) -> byCode.put(code, count.sumThenReset()));
    byCode.values().removeIf(count -> count == 0);
    long failures = byCode.values().stream().mapToLong(Long::longValue).sum();
    if (failures == 0) {
      return Optional.empty();
    }
    return Optional.of(
        "%,d of %,d calls failed: %s (the last: %s)"
            .formatted(
                failures,
                Math.max(all, failures),
                byCode.entrySet().stream()
                    .sorted(Map.Entry.<Status.Code, Long>comparingByValue().reversed())
                    .map(entry -> entry.getKey() + " " + entry.getValue())
                    .collect(Collectors.joining(", ")),
                lastFailure));
  }
}
