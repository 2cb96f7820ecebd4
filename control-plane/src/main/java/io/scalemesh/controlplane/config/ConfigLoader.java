package io.scalemesh.controlplane.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the configuration from, lowest precedence first: the built-in defaults ({@code
 * defaults.yaml}, the one place a default is written), a YAML file, then overrides (environment
 * variables and flags, already resolved by the command line) given as dotted keys such as {@code
 * xds.port}. Objects merge key by key, a key left empty keeps its default, other values and lists
 * replace. Since a configuration's {@code services} replaces the default list, each entry is then
 * merged over the templates in defaults.yaml, so that the records only check. Every problem becomes
 * one {@link ConfigException} naming the key.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML =
      JsonMapper.builder(new YAMLFactory())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // A setting missing from defaults.yaml fails loudly rather than binding as 0 or false.
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private ConfigLoader() {}

  public static ScalemeshConfig load(Optional<Path> file, Map<String, String> overrides) {
    BuiltIn builtIn = BuiltIn.read();
    ObjectNode tree = builtIn.settings();
    file.ifPresent(
        path -> {
          JsonNode given = read(path);
          // Every other empty key keeps its default; an empty services list would silently run the
          // demo's simulated backend where real services were meant.
          if (given.has("services") && given.get("services").isNull()) {
            throw new ConfigException(
                "services: is empty; name at least one service (or leave the key out for the demo's)");
          }
          merge(tree, given);
        });
    overrides.forEach((key, value) -> set(tree, key, value));
    if (tree.get("services") instanceof ArrayNode services) {
      for (int i = 0; i < services.size(); i++) {
        services.set(i, builtIn.complete(services.get(i)));
      }
    }
    try {
      return YAML.treeToValue(tree, ScalemeshConfig.class);
    } catch (JsonProcessingException e) {
      throw ConfigException.binding(e);
    }
  }

  /**
   * The built-in value of each single-valued setting by dotted key ({@code xds.port}), for help
   * texts.
   */
  public static Map<String, String> builtInDefaults() {
    Map<String, String> values = new TreeMap<>();
    flatten("", BuiltIn.read().settings(), values);
    return values;
  }

  private static void flatten(String key, JsonNode node, Map<String, String> into) {
    if (node.isValueNode()) {
      into.put(key, node.asText());
    }
    node.properties()
        .forEach(
            field ->
                flatten(
                    key.isEmpty() ? field.getKey() : key + "." + field.getKey(),
                    field.getValue(),
                    into));
  }

  /**
   * defaults.yaml: the settings, and the templates (no settings themselves) that each entry of
   * {@code services} and its discovery, by kind, start from.
   */
  private record BuiltIn(ObjectNode settings, ObjectNode service, ObjectNode discoveryByKind) {
    static BuiltIn read() {
      try (InputStream in = ConfigLoader.class.getResourceAsStream("defaults.yaml")) {
        ObjectNode tree = (ObjectNode) YAML.readTree(in);
        return new BuiltIn(
            tree,
            (ObjectNode) tree.remove("every_service"),
            (ObjectNode) tree.remove("every_discovery"));
      } catch (IOException e) {
        throw new UncheckedIOException("the built-in defaults cannot be read", e);
      }
    }

    /** A service entry over its template, and its discovery over the template of its kind. */
    JsonNode complete(JsonNode entry) {
      if (!(entry instanceof ObjectNode given)) {
        return entry; // not a mapping: binding says so, naming it
      }
      ObjectNode completed = over(service, given);
      if (completed.get("discovery") instanceof ObjectNode discovery
          && discoveryByKind.get(discovery.path("kind").asText()) instanceof ObjectNode template) {
        completed.set("discovery", over(template, discovery));
      }
      return completed;
    }

    private static ObjectNode over(ObjectNode template, ObjectNode given) {
      ObjectNode merged = template.deepCopy();
      merge(merged, given);
      return merged;
    }
  }

  private static JsonNode read(Path path) {
    JsonNode node;
    try {
      node = YAML.readTree(Files.readString(path));
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + path + " does not exist");
    } catch (JsonProcessingException e) {
      // Some failures (a document too deep or too large for the parser's limits) have no location.
      String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
      throw new ConfigException(
          "config file "
              + path
              + " is not valid YAML: "
              + where
              + problemOnly(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException("config file " + path + " cannot be read: " + e.getMessage());
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      return YAML.createObjectNode();
    }
    if (!node.isObject()) {
      throw new ConfigException(
          "config file " + path + " must hold a mapping of keys, not " + node.getNodeType());
    }
    return node;
  }

  /** SnakeYAML's message quotes the offending text on indented lines; keep the unindented ones. */
  private static String problemOnly(String parserMessage) {
    return parserMessage
        .lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .collect(Collectors.joining(": "));
  }

  /**
   * Objects merge key by key; an empty (null) value keeps the default; anything else replaces it.
   */
  private static void merge(ObjectNode base, JsonNode overlay) {
    overlay
        .properties()
        .forEach(
            field -> {
              String key = field.getKey();
              JsonNode value = field.getValue();
              if (base.get(key) instanceof ObjectNode object && value.isObject()) {
                merge(object, value);
              } else if (!(value.isNull() && base.has(key))) {
                base.set(key, value);
              }
            });
  }

  private static void set(ObjectNode tree, String dottedKey, String value) {
    String[] parts = dottedKey.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      node = child instanceof ObjectNode object ? object : node.putObject(parts[i]);
    }
    node.put(parts[parts.length - 1], value);
  }
}
