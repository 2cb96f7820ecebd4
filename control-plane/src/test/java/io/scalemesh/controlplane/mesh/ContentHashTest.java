package io.scalemesh.controlplane.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentHashTest {
  @Test
  void theSamePartsGiveTheSameVersionAndAnotherSplitOfThemAnother() {
    String version = new ContentHash().add("ab", "c").version();

    assertThat(version)
        .matches("[0-9a-f]{16}")
        .isEqualTo(new ContentHash().add("ab").add("c").version());
    assertThat(new ContentHash().add("a", "bc").version()).isNotEqualTo(version);
    assertThat(new ContentHash().add("abc").version()).isNotEqualTo(version);
    assertThat(new ContentHash().add("ab", "c", "").version()).isNotEqualTo(version);
  }

  @Test
  void partsLargerThanItsBufferCountInFull() {
    String large = "x".repeat(100_000);

    assertThat(new ContentHash().add(large + "y").version())
        .isNotEqualTo(new ContentHash().add(large + "z").version());
  }
}
