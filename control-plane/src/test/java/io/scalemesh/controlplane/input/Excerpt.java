package io.scalemesh.controlplane.input;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** How a failure shows its input: inputs run to megabytes and hold control characters. */
final class Excerpt {
  private static final int SHOWN = 120;

  private Excerpt() {}

  static String of(byte[] input) {
    return of(new String(input, StandardCharsets.UTF_8));
  }

  /** The start of the text, control characters escaped, and its length. */
  static String of(String text) {
    String start = text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "...";
    String escaped =
        start
            .codePoints()
            .mapToObj(
                c -> Character.isISOControl(c) ? "\\u%04x".formatted(c) : Character.toString(c))
            .collect(Collectors.joining());
    return "\"" + escaped + "\" (" + text.length() + " characters)";
  }
}
