package io.scalemesh.controlplane.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.controlplane.config.ConfigException;
import io.scalemesh.controlplane.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Whatever a config file holds, loading it either gives a configuration or one ConfigException
 * of one line: never another exception, never a stack trace for the operator.
 */
class ConfigInputTest {
  private static final String VALID = """
      xds: {address: 127.0.0.1, port: 18000}
      console_api:
        tokens: [{identity: ops, role: operator, sha256: 9437e87fae95c03d3778f2575bb18ce30e647e51d86a8c37963364e1fc4f374e}]
      guard: {max_removal_share: 0.5, hold_minutes: 10}
      azure: {subscription_id: 00000000-0000-0000-0000-000000000000}
      consul: {address: 'http://127.0.0.1:8500', wait_seconds: 30}
      services:
        - name: backend
          discovery: {kind: simulated, capacity: 2, boot_seconds: 1}
          autoscale: {minimum: 1, maximum: 4}
        - name: web
          protocol: http
          discovery: {kind: azure-vmss, resource_group: rg, scale_set: web, port: 80}
      """;

  @Property(tries = 300)
  void anyTextIsAConfigurationOrOneClearLine(@ForAll @StringLength(max = 3_000) String text) throws IOException {
    assertLoadsOrFailsInOneLine(text);
  }

  @Property(tries = 500)
  void aValidFileWithAnyEditIsAConfigurationOrOneClearLine(@ForAll("edited") String text) throws IOException {
    assertLoadsOrFailsInOneLine(text);
  }

  @Property(tries = 5)
  void anOversizedFileIsAConfigurationOrOneClearLine(@ForAll("oversized") String text) throws IOException {
    assertLoadsOrFailsInOneLine(text);
  }

  /** The valid file with a character replaced, inserted or removed somewhere: keys, values, indentation. */
  @Provide
  Arbitrary<String> edited() {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, VALID.length() - 1);
    Arbitrary<Character> any = Arbitraries.oneOf(Arbitraries.chars().with(":{}[],-'\"\n #&*!|>%@`"),
        Arbitraries.chars().ascii(), Arbitraries.chars().range('\u0080', '\uffff'));
    return Arbitraries.oneOf(
        at.flatMap(i -> any.map(c -> VALID.substring(0, i) + c + VALID.substring(i + 1))),
        at.flatMap(i -> any.map(c -> VALID.substring(0, i) + c + VALID.substring(i))),
        at.map(i -> VALID.substring(0, i) + VALID.substring(i + 1)),
        at.map(i -> VALID.substring(0, i)));
  }

  @Provide
  Arbitrary<String> oversized() {
    return Arbitraries.oneOf(
        Arbitraries.just(VALID.replace("name: backend", "name: " + "b".repeat(1_000_000))),
        Arbitraries.just(VALID + "#" + "x".repeat(2_000_000) + "\n"),
        Arbitraries.just("services:\n" + "  - name: s\n    discovery: {kind: simulated}\n".repeat(20_000)),
        Arbitraries.just("a: " + "[".repeat(10_000)));
  }

  private static void assertLoadsOrFailsInOneLine(String text) throws IOException {
    Path file = Files.createTempFile("scalemesh-fuzz", ".yaml");
    try {
      Files.write(file, text.getBytes(StandardCharsets.UTF_8)); // a lone surrogate becomes "?", as in any editor
      ConfigLoader.load(Optional.of(file), Map.of());
    } catch (ConfigException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").hasSizeLessThan(2_000);
    } finally {
      Files.delete(file);
    }
  }
}
