package io.scalemesh.controlplane.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScaledClockTest {
  private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");

  /** The demo's charts: load samples stamped in real time must land where the mesh clock was. */
  @Test
  void aRealTimeIsPlacedOnTheFasterClocksTimeLine() {
    ScaledClock demo = new ScaledClock(Clock.fixed(START, ZoneOffset.UTC), 60);

    assertThat(demo.fromReal(START)).isEqualTo(START);
    assertThat(demo.fromReal(START.plusSeconds(2))).isEqualTo(START.plusSeconds(120));
    assertThat(demo.fromReal(START.minusSeconds(1))).isEqualTo(START.minusSeconds(60));
  }

  @Test
  void atScaleOneRealTimeIsItsTime() {
    ScaledClock real = new ScaledClock(Clock.fixed(START, ZoneOffset.UTC), 1);

    assertThat(real.fromReal(START.plusSeconds(7))).isEqualTo(START.plusSeconds(7));
  }
}
