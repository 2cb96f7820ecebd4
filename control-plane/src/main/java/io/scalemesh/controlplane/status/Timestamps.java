package io.scalemesh.controlplane.status;

import com.google.protobuf.Timestamp;
import java.time.Instant;

final class Timestamps {
  private Timestamps() {}

  static Timestamp of(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  static Instant toInstant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
