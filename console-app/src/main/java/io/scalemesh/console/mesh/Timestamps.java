package io.scalemesh.console.mesh;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Protobuf timestamps as {@link Instant}s; an unset timestamp (zero) means "none". */
public final class Timestamps {
  private Timestamps() {}

  public static Instant toInstant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  public static Optional<Instant> ifSet(Timestamp timestamp) {
    return timestamp.getSeconds() == 0 && timestamp.getNanos() == 0 ? Optional.empty() : Optional.of(toInstant(timestamp));
  }
}
