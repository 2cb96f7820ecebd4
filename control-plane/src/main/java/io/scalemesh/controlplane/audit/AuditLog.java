package io.scalemesh.controlplane.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;

/**
 * An append-only JSON-lines file with one line per operator request (a scale request, a hold
 * release), whatever its outcome: {@code {"time", "identity", "scale_set", "request": {...},
 * "outcome": {"result", ...}}}. Written and synced before the caller is answered.
 */
public final class AuditLog {
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final Path file;

  public AuditLog(Path file) {
    this.file = file;
  }

  /**
   * @param request what was asked, as JSON (a record's components become snake_case fields)
   * @param outcome what came of it; its "result" says which way it went
   */
  public synchronized void append(
      Instant at, String identity, String scaleSet, Object request, Map<String, Object> outcome) {
    write(
        Map.of(
            "time", at.toString(),
            "identity", identity,
            "scale_set", scaleSet,
            "request", request,
            "outcome", outcome));
  }

  /** The outcome of a refused request. */
  public static Map<String, Object> rejected(String reason, String message) {
    return Map.of("result", "rejected", "reason", reason, "message", message);
  }

  private void write(Map<String, Object> line) {
    try {
      Files.writeString(
          file,
          JSON.writeValueAsString(line) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the audit log " + file, e);
    }
  }
}
