package io.scalemesh.controlplane.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An append-only JSON-lines file with one line per scale request, whatever its outcome:
 * {@code {"time", "identity", "scale_set", "request": {...}, "outcome": {...}}}.
 */
public final class AuditLog {
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final Path file;

  public AuditLog(Path file) {
    this.file = file;
  }

  public synchronized void append(Instant at, String identity, CapacityChange request, ScaleOutcome outcome) {
    Map<String, Object> outcomeFields = switch (outcome) {
      case ScaleOutcome.Accepted accepted -> Map.of("result", "accepted",
          "previous_capacity", accepted.previousCapacity(), "new_capacity", accepted.newCapacity(),
          "warnings", accepted.warnings());
      case ScaleOutcome.Rejected rejected -> Map.of("result", "rejected",
          "reason", rejected.reason().name().toLowerCase(Locale.ROOT), "message", rejected.message());
    };
    write(Map.of(
        "time", at.toString(),
        "identity", identity,
        "scale_set", request.scaleSet(),
        "request", request,
        "outcome", outcomeFields));
  }

  /** A request to release a held removal: refused, or done ({@code released} false when nothing was held). */
  public synchronized void appendRelease(Instant at, String identity, String scaleSet, String reason,
      Optional<ScaleOutcome.Rejected> refused, boolean released) {
    write(Map.of(
        "time", at.toString(),
        "identity", identity,
        "scale_set", scaleSet,
        "request", Map.of("kind", "RELEASE_HOLD", "reason", reason),
        "outcome", refused.<Map<String, Object>>map(r -> Map.of("result", "rejected",
                "reason", r.reason().name().toLowerCase(Locale.ROOT), "message", r.message()))
            .orElseGet(() -> Map.of("result", released ? "released" : "nothing held"))));
  }

  private void write(Map<String, Object> line) {
    try {
      Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the audit log " + file, e);
    }
  }
}
