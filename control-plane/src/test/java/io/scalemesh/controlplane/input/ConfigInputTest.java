package io.scalemesh.controlplane.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Named.named;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.scalemesh.controlplane.config.ConfigException;
import io.scalemesh.controlplane.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a config file holds, loading it either gives a configuration or one ConfigException of
 * one line: never another exception, never a stack trace for the operator.
 *
 * <p>The fuzz test's inputs are whole files. The build replays those kept in
 * ConfigInputTestInputs/anyFileIsAConfigurationOrOneClearLine: valid.yaml, which the fuzzer edits
 * (a character replaced, inserted or removed: keys, values, indentation), the findings, each named
 * for what it broke, and in corpus/ a sample of what a fuzzing run kept (random text, edits of
 * valid.yaml), few enough to keep the build's time. {@code ./run fuzz config} searches for more.
 */
class ConfigInputTest {
  private static final String INPUTS =
      "ConfigInputTestInputs/anyFileIsAConfigurationOrOneClearLine/";

  // The dictionary: the characters that make YAML's structure, which the fuzzer then tries more
  // often.
  // Not "\n": Jazzer 0.30 writes it unescaped into libFuzzer's dictionary file, which then fails to
  // parse.
  @FuzzTest
  @DictionaryEntries({
    ":", "{", "}", "[", "]", ",", "-", "'", "\"", " ", "#", "&", "*", "!", "|", ">", "%", "@", "`"
  })
  void anyFileIsAConfigurationOrOneClearLine(byte[] file) throws IOException {
    assertLoadsOrFailsInOneLine(file);
  }

  /** Sizes a fuzzer does not reach (libFuzzer keeps inputs to a few KB). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("oversizedFiles")
  void anOversizedFileIsAConfigurationOrOneClearLine(String text) throws IOException {
    assertLoadsOrFailsInOneLine(text.getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Named<String>> oversizedFiles() throws IOException {
    String valid = valid();
    return Stream.of(
        named(
            "a service name of 1 MB",
            valid.replace("name: backend", "name: " + "b".repeat(1_000_000))),
        named("a comment of 2 MB", valid + "#" + "x".repeat(2_000_000) + "\n"),
        named(
            "20,000 services",
            "services:\n" + "  - name: s\n    discovery: {kind: simulated}\n".repeat(20_000)),
        named("10,000 nested lists", "a: " + "[".repeat(10_000)));
  }

  private static String valid() throws IOException {
    try (InputStream in = ConfigInputTest.class.getResourceAsStream(INPUTS + "valid.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void assertLoadsOrFailsInOneLine(byte[] content) throws IOException {
    Path file = Files.createTempFile("scalemesh-fuzz", ".yaml");
    try {
      Files.write(file, content);
      Throwable thrown = catchThrowable(() -> ConfigLoader.load(Optional.of(file), Map.of()));
      if (thrown != null) {
        assertThat(thrown)
            .as("loading %s", Excerpt.of(content))
            .isInstanceOf(ConfigException.class);
        assertThat(thrown.getMessage())
            .as("the message for %s", Excerpt.of(content))
            .isNotBlank()
            .doesNotContain("\n")
            .hasSizeLessThan(2_000);
      }
    } finally {
      Files.delete(file);
    }
  }
}
