package io.scalemesh.console.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.console.mesh.CallErrors;
import org.junit.jupiter.api.Test;

class CallsOverlayTest {
  @Test
  void anEdgeIsAsWideAsItsShareOfTheLargestRateInHalfPixels() {
    assertThat(CallsOverlay.edgeWidth(100, 100)).isEqualTo(7);
    assertThat(CallsOverlay.edgeWidth(0, 100)).isEqualTo(1);
    assertThat(CallsOverlay.edgeWidth(10, 0)).as("nothing to compare with").isEqualTo(1);
    assertThat(CallsOverlay.edgeWidth(10, 100)).as("a tenth: a third of the width").isEqualTo(3);
    assertThat(CallsOverlay.edgeWidth(10.2, 100)).as("a wobble restyles nothing").isEqualTo(3);
  }

  @Test
  void aNodeShowsItsRateAndFailingShareAndIsStyledOnlyWhenTheShareIsWorthAttention() {
    assertThat(CallsOverlay.text(new CallErrors(41.25, 0.825))).isEqualTo("41.3 req/s · 2.0 %");
    assertThat(CallsOverlay.styleClass(new CallErrors(40, 0.2))).isEmpty();
    assertThat(CallsOverlay.styleClass(new CallErrors(40, 2))).isEqualTo(CallsOverlay.NOTICEABLE);
    assertThat(CallsOverlay.styleClass(new CallErrors(40, 20))).isEqualTo(CallsOverlay.SEVERE);
    assertThat(CallsOverlay.shortRate(new CallErrors(1234, 0))).isEqualTo("1.2k/s");
  }
}
