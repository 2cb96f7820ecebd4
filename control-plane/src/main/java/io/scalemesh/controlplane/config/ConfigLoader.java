package io.scalemesh.controlplane.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds the configuration from, lowest precedence first: the built-in defaults, a YAML file,
 * then overrides (environment variables and flags, already resolved by the command line) given as
 * dotted keys such as {@code xds.port}. Objects merge key by key; lists and values replace.
 * Every problem becomes one {@link ConfigException} naming the key.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private ConfigLoader() {}

  public static ScalemeshConfig load(Optional<Path> file, Map<String, String> overrides) {
    ObjectNode tree = defaults();
    file.ifPresent(path -> merge(tree, read(path)));
    overrides.forEach((key, value) -> set(tree, key, value));
    try {
      return YAML.treeToValue(tree, ScalemeshConfig.class);
    } catch (JsonProcessingException e) {
      throw new ConfigException(describe(e));
    }
  }

  private static ObjectNode defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("defaults.yaml")) {
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("the built-in defaults cannot be read", e);
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
      throw new ConfigException("config file " + path + " is not valid YAML: " + where
          + problemOnly(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException("config file " + path + " cannot be read: " + e.getMessage());
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      return YAML.createObjectNode();
    }
    if (!node.isObject()) {
      throw new ConfigException("config file " + path + " must hold a mapping of keys, not " + node.getNodeType());
    }
    return node;
  }

  /** SnakeYAML's message quotes the offending text on indented lines; keep the unindented ones. */
  private static String problemOnly(String parserMessage) {
    return parserMessage.lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .collect(Collectors.joining(": "));
  }

  private static void merge(ObjectNode base, JsonNode overlay) {
    Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = base.get(field.getKey());
      if (existing instanceof ObjectNode object && field.getValue().isObject()) {
        merge(object, field.getValue());
      } else {
        base.set(field.getKey(), field.getValue());
      }
    }
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

  private static String describe(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException mapping)) {
      return e.getOriginalMessage();
    }
    String where = path(mapping);
    return switch (mapping) {
      case UnrecognizedPropertyException unknown -> "unknown config key '" + where + "'";
      case InvalidTypeIdException kind when kind.getTypeId() == null ->
          where + ": 'kind' is missing (known kinds: " + knownKinds() + ")";
      case InvalidTypeIdException kind ->
          where + ": unknown discovery kind '" + kind.getTypeId() + "' (known kinds: " + knownKinds() + ")";
      case InvalidFormatException format ->
          where + ": '" + format.getValue() + "' is not a valid " + format.getTargetType().getSimpleName().toLowerCase(Locale.ROOT);
      case ValueInstantiationException invalid when invalid.getCause() != null ->
          (where.isEmpty() ? "" : where + ": ") + invalid.getCause().getMessage();
      default -> (where.isEmpty() ? "" : where + ": ") + mapping.getOriginalMessage();
    };
  }

  /** The config key a binding error is about, written as in the YAML: services[0].discovery.kind. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String knownKinds() {
    return Arrays.stream(DiscoveryConfig.class.getAnnotation(JsonSubTypes.class).value())
        .map(JsonSubTypes.Type::name)
        .collect(Collectors.joining(", "));
  }
}
